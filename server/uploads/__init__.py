"""Files: tus uploads and downloads (M1, H5)."""
