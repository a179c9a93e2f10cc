//! What goes wrong in a request, as OGC API – Features answers it: a status code and an
//! exception body `{"code", "description"}` (Part 1 §7.5.1, `exception.yaml`), naming the
//! parameter at fault.

use super::negotiate::Format;
use crate::error::Error;
use crate::format::markup::escape;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A request the service refuses, or could not answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    /// The HTTP status.
    pub status: StatusCode,
    /// A short code: `InvalidParameterValue`, `NotFound`…
    pub code: &'static str,
    /// What was wrong, in words a user can act on.
    pub description: String,
}

impl Exception {
    /// A query parameter the API does not define: 400 (Part 1, `/req/core/query-param-unknown`).
    pub fn unknown_parameter(name: &str, known: &[&str]) -> Exception {
        Exception {
            status: StatusCode::BAD_REQUEST,
            code: "InvalidParameter",
            description: format!(
                "unknown parameter {}; this resource takes {}",
                shown(name),
                known.join(", ")
            ),
        }
    }

    /// A parameter whose value can't be used: 400 (Part 1, `/req/core/query-param-invalid`).
    pub fn invalid(parameter: &str, value: &str, expected: &str) -> Exception {
        Exception {
            status: StatusCode::BAD_REQUEST,
            code: "InvalidParameterValue",
            description: format!("{parameter}={}: expected {expected}", shown(value)),
        }
    }

    /// No such resource: 404 (Part 1, `/req/core/f-op` and `/req/core/fc-md-items`).
    pub fn not_found(what: &str) -> Exception {
        Exception {
            status: StatusCode::NOT_FOUND,
            code: "NotFound",
            description: what.to_string(),
        }
    }

    /// Something the service itself failed at: 500, the cause on standard error.
    pub fn internal(what: &str) -> Exception {
        Exception {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "ServerError",
            description: what.to_string(),
        }
    }

    /// An error from the select engine: a parameter's when it names one (the flags map to
    /// parameters), else the service's own.
    pub fn from_error(error: Error, values: &[(String, String)]) -> Exception {
        match error {
            Error::Flag(flag) => {
                let parameter = parameter_of(&flag.flag);
                // The value as the client sent it, not as the engine was handed it.
                let sent = values
                    .iter()
                    .find(|(k, _)| parameter_of(k) == parameter)
                    .map(|(_, v)| v.as_str())
                    .or(flag.value.as_deref())
                    .unwrap_or("");
                Exception::invalid(parameter, sent, &flag.expected)
            }
            other => {
                eprintln!("frontline: serve: {other}");
                Exception::internal("the data could not be read; the server's log says why")
            }
        }
    }

    /// The exception as a response in the format asked for.
    pub fn respond(&self, format: Format) -> Response {
        let (body, kind) = match format {
            Format::Html => (
                format!(
                    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>{status} {code}</title></head><body><h1>{status} {code}</h1><p>{}</p><p><a href=\"/api?f=html\">What the API takes</a> · <a href=\"/\">frontline</a></p></body></html>\n",
                    escape(&self.description),
                    status = self.status.as_u16(),
                    code = self.code,
                ),
                "text/html; charset=utf-8",
            ),
            Format::Json => (
                json!({"code": self.code, "description": self.description}).to_string(),
                "application/json",
            ),
        };
        let mut response = (self.status, body).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
        response
    }
}

/// The parameter a select flag comes from.
fn parameter_of(flag: &str) -> &str {
    match flag {
        "--from" | "--to" => "datetime",
        "--sub-type" => "sub_type",
        other => other.trim_start_matches('-'),
    }
}

/// A value as shown in a message: cut at 80 characters, control characters dropped.
fn shown(value: &str) -> String {
    let clean: String = value.chars().filter(|c| !c.is_control()).take(80).collect();
    if clean.chars().count() < value.chars().count() {
        format!("{clean}…")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FlagError;

    #[test]
    fn an_engine_flag_error_names_the_parameter_and_the_value_sent() {
        let e = Exception::from_error(
            FlagError::new("--to", "2019-06-20", "a day on or after --from 2019-06-30").into(),
            &[("datetime".into(), "2019-06-30/2019-06-20".into())],
        );
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            e.description,
            "datetime=2019-06-30/2019-06-20: expected a day on or after --from 2019-06-30"
        );
        let e = Exception::from_error(FlagError::new("--sub-type", "x", "one of …").into(), &[]);
        assert!(e.description.starts_with("sub_type=x"), "{}", e.description);
    }

    #[test]
    fn a_long_or_odd_value_is_cut_in_the_message() {
        let e = Exception::invalid("bbox", &format!("\u{7}{}", "9".repeat(200)), "numbers");
        assert!(e.description.len() < 120 && e.description.contains('…'));
        assert!(!e.description.contains('\u{7}'));
    }
}
