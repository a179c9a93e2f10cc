//! Placeholder: the persistent cache.
