"""huiwu (会务): from a 讲话提纲 to 会议纪要, 学习课件 and 学习要点."""
__version__ = "0.1.0"
