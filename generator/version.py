"""The release of the generator. Part of every cache key (`incremental.record.code_digest`,
`extract.nlp.fingerprint`), so that a new release redoes the work."""

__version__ = "0.1.0"
