//! A load test for `ses-presend serve`: many `POST /validate/address` requests over a few
//! HTTP/1.1 keep-alive connections, with throughput, latency percentiles and errors.
//!
//! ```sh
//! cargo build --release --features server --example load --bin ses-presend
//! target/release/ses-presend serve --listen 127.0.0.1:8025 &
//! target/release/examples/load 127.0.0.1:8025 --requests 10000 --connections 50 --pid $!
//! ```
//!
//! With `--pid`, the server's peak resident memory (VmHWM in `/proc/PID/status`, Linux) is
//! printed before and after the run. Exits with 1 when any request failed or got a status
//! other than 200.

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// The addresses sent, in turn: accepted, rejected and fixable ones.
const ADDRESSES: &[&str] = &[
    "ops@example.com",
    "user@",
    "jose@bücher.de",
    "\"Karen, Chan\" <karen@example.com>",
    "Karen, Chan <karen@example.com>",
    "a..b@example.com",
    "José <jose@example.com>",
    "bob",
];

struct Options {
    addr: String,
    requests: usize,
    connections: usize,
    pid: Option<u32>,
}

fn usage() -> ExitCode {
    eprintln!("usage: load HOST:PORT [--requests N] [--connections N] [--pid SERVER_PID]");
    ExitCode::from(2)
}

fn parse_args() -> Option<Options> {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        addr: args.next()?,
        requests: 10_000,
        connections: 50,
        pid: None,
    };
    while let Some(flag) = args.next() {
        let value = args.next()?;
        match flag.as_str() {
            "--requests" => options.requests = value.parse().ok()?,
            "--connections" => options.connections = value.parse().ok().filter(|&n| n > 0)?,
            "--pid" => options.pid = Some(value.parse().ok()?),
            _ => return None,
        }
    }
    Some(options)
}

/// The server's VmHWM line value, such as `12345 kB`.
fn peak_rss(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_string()))
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// One request's bytes for `address`.
fn request(host: &str, address: &str) -> Vec<u8> {
    let body = serde_json::json!({ "address": address }).to_string();
    format!(
        "POST /validate/address HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Reads one response; returns its status. Bodies are read by Content-Length (the server
/// always sends one for these answers).
async fn read_response(
    reader: &mut BufReader<TcpStream>,
    line: &mut String,
) -> std::io::Result<u16> {
    line.clear();
    reader.read_line(line).await?;
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().map_err(std::io::Error::other)?;
            }
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).await?;
    Ok(status)
}

/// What one connection saw.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    errors: usize,
    first_error: Option<String>,
}

/// Sends requests on one keep-alive connection until `next` passes `total`.
async fn connection(addr: String, next: Arc<AtomicUsize>, total: usize) -> Tally {
    let mut tally = Tally::default();
    let fail = |tally: &mut Tally, what: String| {
        tally.errors += 1;
        tally.first_error.get_or_insert(what);
    };
    let mut reader = match TcpStream::connect(&addr).await {
        Ok(stream) => {
            let _ = stream.set_nodelay(true);
            BufReader::new(stream)
        }
        Err(e) => {
            fail(&mut tally, format!("connect: {e}"));
            return tally;
        }
    };
    let mut line = String::new();
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= total {
            break;
        }
        let bytes = request(&addr, ADDRESSES[i % ADDRESSES.len()]);
        let start = Instant::now();
        if let Err(e) = reader.get_mut().write_all(&bytes).await {
            fail(&mut tally, format!("write: {e}"));
            break;
        }
        match read_response(&mut reader, &mut line).await {
            Ok(200) => tally.latencies.push(start.elapsed()),
            Ok(status) => fail(&mut tally, format!("status {status}")),
            Err(e) => {
                fail(&mut tally, format!("read: {e}"));
                break;
            }
        }
    }
    tally
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[tokio::main]
async fn main() -> ExitCode {
    let Some(options) = parse_args() else {
        return usage();
    };
    if let Some(pid) = options.pid {
        println!("server peak RSS before: {}", peak_rss(pid));
    }
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let tasks: Vec<_> = (0..options.connections)
        .map(|_| {
            tokio::spawn(connection(
                options.addr.clone(),
                next.clone(),
                options.requests,
            ))
        })
        .collect();
    let mut latencies = Vec::with_capacity(options.requests);
    let (mut errors, mut first_error) = (0, None);
    for task in tasks {
        match task.await {
            Ok(tally) => {
                latencies.extend(tally.latencies);
                errors += tally.errors;
                first_error = first_error.or(tally.first_error);
            }
            Err(e) => {
                errors += 1;
                first_error = first_error.or(Some(e.to_string()));
            }
        }
    }
    let elapsed = start.elapsed();
    latencies.sort_unstable();
    let ok = latencies.len();
    println!(
        "{ok} requests with status 200 in {:.2} s over {} connections: {:.0} requests/s",
        elapsed.as_secs_f64(),
        options.connections,
        ok as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&latencies, 50.0).as_secs_f64() * 1e3,
        percentile(&latencies, 99.0).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
    println!(
        "errors: {errors}{}",
        first_error
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default()
    );
    if let Some(pid) = options.pid {
        println!("server peak RSS after: {}", peak_rss(pid));
    }
    if errors == 0 && ok == options.requests {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
