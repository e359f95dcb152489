"""Pages: the files a site gets from the data (record pages, downloads, the search index)."""
