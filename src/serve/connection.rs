//! Connections, bounded: so many at once, headers read within a time, a response write
//! that stalls (a client that stopped reading) ended, each request answered within a time,
//! so many requests answered at once and the rest queued, and a request larger than a GET
//! needs refused. A slow or vanished client holds at most its own connection's task, never a
//! worker: the work of a request runs on its own blocking thread and finishes.

use super::exception::Exception;
use super::negotiate::Format;
use axum::error_handling::HandleErrorLayer;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::timeout::TimeoutLayer;
use tower::{BoxError, ServiceBuilder, ServiceExt};

/// The bounds of the server.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Connections open at once; the next waits to be accepted.
    pub connections: usize,
    /// Requests answered at once; the next waits its turn.
    pub requests: usize,
    /// Time to read a request's headers (a keep-alive connection idle this long is closed).
    pub headers: Duration,
    /// Time a response write may stall before the connection is closed.
    pub stalled_write: Duration,
    /// Time to answer a request, queue included: past it, a 503.
    pub answer: Duration,
    /// The longest request target (path and query), in bytes.
    pub target: usize,
}

impl Limits {
    /// The bounds for a machine with `cores` cores.
    pub fn for_cores(cores: usize) -> Limits {
        Limits {
            connections: 512,
            requests: (cores * 4).clamp(4, 64),
            headers: Duration::from_secs(10),
            stalled_write: Duration::from_secs(20),
            answer: Duration::from_secs(30),
            target: 4096,
        }
    }
}

/// The router with the bounds on every request: a time limit, a limit on requests answered
/// at once (one for the whole server), and the checks of [`guard`].
pub fn bounded(router: Router, limits: Limits) -> Router {
    let target = limits.target;
    router
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|error: BoxError| async move {
                    overloaded(&error)
                }))
                .layer(TimeoutLayer::new(limits.answer))
                .layer(GlobalConcurrencyLimitLayer::new(limits.requests)),
        )
        .layer(axum::middleware::from_fn(
            move |request: Request, next: Next| guard(request, next, target),
        ))
}

fn overloaded(error: &BoxError) -> Response {
    let mut response = Exception {
        status: StatusCode::SERVICE_UNAVAILABLE,
        code: "ServiceUnavailable",
        description: "the server is busy; try again".into(),
    }
    .respond(Format::Json);
    if !error.is::<tower::timeout::error::Elapsed>() {
        eprintln!("frontline: serve: {error}");
    }
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

/// Read-only, small requests: GET and HEAD only (405 otherwise), no body (413), a target of
/// at most `target` bytes (414). Every response may be read from any page (the data is
/// public) and is not sniffed as another type.
async fn guard(request: Request, next: Next, target: usize) -> Response {
    let refuse = |status: StatusCode, code: &'static str, description: &str| {
        Exception {
            status,
            code,
            description: description.to_string(),
        }
        .respond(Format::Json)
    };
    let mut response = if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut r = refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            "this service is read-only: GET and HEAD",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    } else if request
        .uri()
        .path_and_query()
        .is_some_and(|p| p.as_str().len() > target)
    {
        refuse(
            StatusCode::URI_TOO_LONG,
            "URITooLong",
            &format!("a request target of at most {target} bytes"),
        )
    } else if request.headers().contains_key(header::TRANSFER_ENCODING)
        || request
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_some_and(|v| v.as_bytes() != b"0")
    {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PayloadTooLarge",
            "a request without a body",
        )
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Accepts connections until `stop` resolves, each served on its own task.
pub async fn accept(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let open = Arc::new(Semaphore::new(limits.connections));
    let mut stop = std::pin::pin!(stop);
    loop {
        let Ok(permit) = Arc::clone(&open).acquire_owned().await else {
            return;
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of descriptors, or a connection reset before it was accepted: wait a
                // little and go on.
                Err(e) => {
                    eprintln!("frontline: serve: accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => return,
        };
        // Small responses go out at once.
        stream.set_nodelay(true).unwrap_or(());
        let service =
            TowerToHyperService::new(router.clone().map_request(
                |request: hyper::Request<Incoming>| request.map(axum::body::Body::new),
            ));
        tokio::spawn(async move {
            let io = TokioIo::new(Stalling::new(stream, limits.stalled_write));
            let served = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.headers)
                .max_buf_size(64 * 1024)
                .keep_alive(true)
                .serve_connection(io, service)
                .await;
            // A client that went away mid-answer is its own business, not the server's.
            if let Err(e) = served {
                if !e.is_incomplete_message() && !e.is_canceled() && !e.is_timeout() {
                    let gone = std::error::Error::source(&e)
                        .and_then(|s| s.downcast_ref::<io::Error>())
                        .is_some();
                    if !gone {
                        eprintln!("frontline: serve: a connection ended: {e}");
                    }
                }
            }
            drop(permit);
        });
    }
}

/// A stream whose writes fail once one has waited `limit` without progress: a client that
/// stops reading can't keep its connection, and the response it held, for ever.
struct Stalling<S> {
    inner: S,
    limit: Duration,
    deadline: Pin<Box<Sleep>>,
    waiting: bool,
}

impl<S> Stalling<S> {
    fn new(inner: S, limit: Duration) -> Stalling<S> {
        Stalling {
            inner,
            limit,
            deadline: Box::pin(tokio::time::sleep(limit)),
            waiting: false,
        }
    }

    /// After a write or flush came back pending: start the clock, or fail when it ran out.
    fn pending<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        if !self.waiting {
            self.waiting = true;
            let at = Instant::now() + self.limit;
            self.deadline.as_mut().reset(at);
        }
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Stalling<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Stalling<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Pending => self.pending(cx),
            done => {
                self.waiting = false;
                done
            }
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Pending => self.pending(cx),
            done => {
                self.waiting = false;
                done
            }
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => self.pending(cx),
            done => {
                self.waiting = false;
                done
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
