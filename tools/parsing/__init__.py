"""Reading sales language: numbers in words, dates and periods, day counts, amounts. One helper per idea.

Why our own grammar and not dateparser: what we read is sales-specific (quarters and "Q3", "EOM"/"EOQ", "this month so
far", "next 30 days", "5+ days" of silence, "75k+", a commitment's "by Friday" resolved against the call's date with
documented rules), and it must answer in microseconds inside a copilot answer. dateparser resolves single absolute or
relative dates; it has no period ranges or quarters, and its "next Friday" differs from the rule sales teams use.
"""
