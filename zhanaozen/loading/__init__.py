"""Reading the tables into typed DataFrames (``zhanaozen.load`` and ``load_all``)."""
