"""mosaic_pipeline: repair damaged press releases and extract China's regional innovation data."""

__version__ = "0.1.0"
