"""Time expressions: found in a parsed document and normalised the TimeML (TIMEX3) way (`find`)."""
