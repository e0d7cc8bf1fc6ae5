//! Hand-written cases for every hard spot of news English.
