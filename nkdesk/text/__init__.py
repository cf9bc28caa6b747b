"""Text processing for matching: segmentation, normalisation, numbers, the claim lexer.

Nothing here changes what the analyst sees: every function returns offsets
(code points, half-open) into the original text, or normalised strings used
only for comparison.
"""
