//! A bounded HTTP load client for `frontline serve` and its peers (`scripts/serve_load.sh`
//! runs it): N requests from C concurrent keep-alive clients, each URL taken in turn from a
//! file, on loopback only. It prints one JSON line: requests, errors (by status), latency
//! percentiles and requests per second.
//!
//! ```sh
//! cargo bench --bench serve_load -- URLS.txt --requests 10000 --concurrency 50
//! ```
//!
//! HTTP/1.1 with keep-alive; a response with `Connection: close` (or HTTP/1.0) is read to
//! the end and the client connects again. Bodies are read by `Content-Length`, chunked, or
//! to the close. Anything but a 200 is an error. A deadline (`--deadline` seconds, 900 by
//! default) stops the run whatever is left.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Target {
    host: String,
    path: String,
}

fn parse(url: &str) -> Option<Target> {
    let rest = url.strip_prefix("http://")?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let ip_ok =
        host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]");
    // Loopback only: this client never loads another machine.
    if !ip_ok {
        return None;
    }
    Some(Target {
        host: host.to_string(),
        path: if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        },
    })
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    statuses: BTreeMap<u16, usize>,
    io_errors: usize,
    bytes: u64,
}

/// One response read: status, body length, whether the connection stays open.
async fn exchange(
    stream: &mut BufReader<TcpStream>,
    target: &Target,
) -> std::io::Result<(u16, u64, bool)> {
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nAccept: application/geo+json, application/json\r\nConnection: keep-alive\r\n\r\n",
        target.path, target.host
    );
    stream.get_mut().write_all(request.as_bytes()).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let mut parts = line.split_whitespace();
    let version = parts.next().unwrap_or("").to_string();
    let status: u16 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    if status == 0 {
        return Err(std::io::Error::other(format!("bad status line {line:?}")));
    }
    let (mut length, mut chunked, mut close) = (None, false, version == "HTTP/1.0");
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or((header, ""));
        let (name, value) = (
            name.trim().to_ascii_lowercase(),
            value.trim().to_ascii_lowercase(),
        );
        match name.as_str() {
            "content-length" => length = value.parse::<u64>().ok(),
            "transfer-encoding" => chunked = value.contains("chunked"),
            "connection" => {
                close = value.contains("close") || (close && !value.contains("keep-alive"))
            }
            _ => {}
        }
    }
    let mut body = 0u64;
    if chunked {
        loop {
            line.clear();
            stream.read_line(&mut line).await?;
            let size = u64::from_str_radix(line.trim().split(';').next().unwrap_or("0"), 16)
                .map_err(|_| std::io::Error::other("bad chunk size"))?;
            if size == 0 {
                line.clear();
                stream.read_line(&mut line).await?;
                break;
            }
            body += tokio::io::copy(&mut (&mut *stream).take(size), &mut tokio::io::sink()).await?;
            line.clear();
            stream.read_line(&mut line).await?;
        }
    } else if let Some(n) = length {
        body = tokio::io::copy(&mut (&mut *stream).take(n), &mut tokio::io::sink()).await?;
        if body < n {
            return Err(std::io::Error::other("short body"));
        }
    } else {
        body = tokio::io::copy(stream, &mut tokio::io::sink()).await?;
        close = true;
    }
    Ok((status, body, !close))
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)] as f64 / 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let mut file = None;
    let (mut requests, mut concurrency, mut deadline) = (10_000usize, 50usize, 900u64);
    let mut i = 0;
    while i < args.len() {
        let value = || args.get(i + 1).and_then(|v| v.parse::<u64>().ok());
        match args[i].as_str() {
            "--requests" => requests = value().unwrap_or(10_000) as usize,
            "--concurrency" => concurrency = value().unwrap_or(50).max(1) as usize,
            "--deadline" => deadline = value().unwrap_or(900),
            other if file.is_none() && !other.starts_with("--") => {
                file = Some(other.to_string());
                i += 1;
                continue;
            }
            _ => {}
        }
        i += 2;
    }
    let Some(file) = file else {
        eprintln!("usage: serve_load URLS.txt [--requests N] [--concurrency C] [--deadline S]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        eprintln!("{file}: {e}");
        std::process::exit(2)
    });
    let targets: Vec<Target> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| parse(l.trim()))
        .collect();
    if targets.is_empty() {
        eprintln!("{file}: no http://127.x or localhost URL");
        std::process::exit(2);
    }
    let targets = Arc::new(targets);
    let next = Arc::new(AtomicUsize::new(0));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let started = Instant::now();
    let stop_at = started + Duration::from_secs(deadline);
    runtime.block_on(async {
        let mut clients = Vec::new();
        for _ in 0..concurrency {
            let (targets, next, tally) =
                (Arc::clone(&targets), Arc::clone(&next), Arc::clone(&tally));
            clients.push(tokio::spawn(async move {
                let mut conn: Option<BufReader<TcpStream>> = None;
                let mut mine = Tally::default();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= requests || Instant::now() > stop_at {
                        break;
                    }
                    let target = &targets[n % targets.len()];
                    let t0 = Instant::now();
                    if conn.is_none() {
                        match TcpStream::connect(&target.host).await {
                            Ok(s) => {
                                s.set_nodelay(true).unwrap_or(());
                                conn = Some(BufReader::with_capacity(64 * 1024, s));
                            }
                            Err(_) => {
                                mine.io_errors += 1;
                                continue;
                            }
                        }
                    }
                    let Some(stream) = conn.as_mut() else {
                        continue;
                    };
                    let left = stop_at.saturating_duration_since(Instant::now());
                    match tokio::time::timeout(left, exchange(stream, target)).await {
                        Ok(Ok((status, bytes, keep))) => {
                            mine.latencies_us.push(t0.elapsed().as_micros() as u64);
                            *mine.statuses.entry(status).or_default() += 1;
                            mine.bytes += bytes;
                            if !keep {
                                conn = None;
                            }
                        }
                        _ => {
                            mine.io_errors += 1;
                            conn = None;
                        }
                    }
                }
                if let Ok(mut all) = tally.lock() {
                    all.latencies_us.extend(mine.latencies_us);
                    all.io_errors += mine.io_errors;
                    all.bytes += mine.bytes;
                    for (s, n) in mine.statuses {
                        *all.statuses.entry(s).or_default() += n;
                    }
                }
            }));
        }
        for c in clients {
            c.await.unwrap_or(());
        }
    });
    let wall = started.elapsed().as_secs_f64();
    let mut all = std::mem::take(&mut *tally.lock().expect("the tally"));
    all.latencies_us.sort_unstable();
    let done = all.latencies_us.len();
    let ok = all.statuses.get(&200).copied().unwrap_or(0);
    let statuses: Vec<String> = all
        .statuses
        .iter()
        .map(|(s, n)| format!("\"{s}\":{n}"))
        .collect();
    println!(
        "{{\"requests\":{},\"completed\":{done},\"ok\":{ok},\"errors\":{},\"io_errors\":{},\"statuses\":{{{}}},\"concurrency\":{concurrency},\"wall_s\":{wall:.3},\"rps\":{:.1},\"p50_ms\":{:.2},\"p90_ms\":{:.2},\"p99_ms\":{:.2},\"max_ms\":{:.2},\"mean_kb\":{:.1}}}",
        requests,
        done - ok + all.io_errors,
        all.io_errors,
        statuses.join(","),
        done as f64 / wall,
        percentile(&all.latencies_us, 50.0),
        percentile(&all.latencies_us, 90.0),
        percentile(&all.latencies_us, 99.0),
        percentile(&all.latencies_us, 100.0),
        all.bytes as f64 / done.max(1) as f64 / 1024.0,
    );
}
