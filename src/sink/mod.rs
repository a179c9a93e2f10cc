//! What selected events are handed to ([`crate::select::Sink`]): writers of text formats,
//! a collector for outputs that need every event first, and a counter for charts.

pub mod collect;
pub mod count;
pub mod encode;

pub use collect::Collect;
pub use count::{Count, Counted};
pub use encode::{Encode, Encoding};
