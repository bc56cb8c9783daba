"""jixiao (绩效自评助手): a department's year of work → its performance self-evaluation report."""

__version__ = "0.1.0"
