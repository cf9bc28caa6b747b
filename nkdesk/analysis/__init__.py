"""The comparison engine: shared passages, claim clusters, facts and conflicts.

Pure Python over the standard library's difflib; no Qt. ``compare`` is the
entry point; ``similarity`` and ``is_shared`` expose the decision that links
two passages, for evaluation and tests.
"""

from nkdesk.analysis.compare import AnalysisError, Comparison, compare
from nkdesk.analysis.decide import is_shared, similarity

__all__ = ["AnalysisError", "Comparison", "compare", "is_shared", "similarity"]
