"""The authorization matrix's pieces: the objects its URLs need, the Row vocabulary, and one rows module
per app. The test itself is tests/test_authorization_matrix.py."""
