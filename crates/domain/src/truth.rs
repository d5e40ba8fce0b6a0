//! The truthfulness check shared by every enhancer.
