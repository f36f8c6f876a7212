"""What is computed from the loaded tables for readers: coverage against reported totals, exports."""
