//! The store: articles and their layers in an embedded SQLite database (work in progress).
#![warn(missing_docs)]
