//! `frontline date EXPR --published T`: one time expression, resolved.

use crate::cli::{DateFormat, LangArg};
use crate::diagnostic::Error;

/// Resolves the expression; the text to print.
pub fn run(
    expression: &str,
    published: &str,
    lang: LangArg,
    format: DateFormat,
) -> Result<String, Error> {
    let _ = (expression, published, lang, format);
    Err(Error::Usage("frontline date is not built yet".into()))
}
