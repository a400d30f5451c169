//! Load on the SMTP endpoint: 1 000 messages over 50 concurrent sessions on loopback, through
//! the TLS wrapper port of a spawned `ses-presend serve --smtps` (docs/smtp.md#load).
//!
//! ```sh
//! cargo build --release --features server
//! cargo run --release --features server --example smtp_load [MESSAGES] [SESSIONS]
//! ```
//!
//! Prints messages per second, the median and 99th percentile of the time from the final `.`
//! of DATA to SES's `250 Ok <id>`, and the server's peak resident memory (VmHWM).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

type Tls = BufReader<StreamOwned<ClientConnection, TcpStream>>;

/// The server binary next to this example's directory (target/<profile>/ses-presend).
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the example's path");
    let dir = exe
        .parent()
        .and_then(|d| d.parent())
        .expect("target/<profile>");
    let bin = dir.join("ses-presend");
    assert!(
        bin.exists(),
        "{} not found: build it first (cargo build --release --features server)",
        bin.display()
    );
    bin
}

/// Reads one reply (all its lines); returns the last line.
fn reply(stream: &mut Tls) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        stream.read_line(&mut line).expect("a reply");
        if line.as_bytes().get(3) != Some(&b'-') {
            return line.trim_end().to_string();
        }
    }
}

fn command(stream: &mut Tls, line: &str, want: &str) {
    stream
        .get_mut()
        .write_all(format!("{line}\r\n").as_bytes())
        .unwrap();
    let got = reply(stream);
    assert!(got.starts_with(want), "{line}: {got}");
}

/// One session: `messages` messages; the end-of-DATA latencies.
fn session(port: u16, config: Arc<ClientConfig>, messages: usize, id: usize) -> Vec<Duration> {
    let tcp = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    tcp.set_nodelay(true).unwrap();
    let name = ServerName::try_from("localhost").unwrap();
    let tls = ClientConnection::new(config, name).unwrap();
    let mut stream = BufReader::new(StreamOwned::new(tls, tcp));
    assert!(reply(&mut stream).starts_with("220 "));
    command(&mut stream, "EHLO load.example", "250 ");
    command(&mut stream, "AUTH PLAIN AHVzZXIAcGFzcw==", "235 ");
    let body = format!(
        "From: Load <load@example.com>\r\nTo: r{id}@example.com\r\nSubject: load {id}\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n{}\r\n",
        "Some text of an ordinary message.\r\n".repeat(40)
    );
    let mut latencies = Vec::with_capacity(messages);
    for _ in 0..messages {
        command(&mut stream, "MAIL FROM:<load@example.com>", "250 ");
        command(&mut stream, &format!("RCPT TO:<r{id}@example.com>"), "250 ");
        command(&mut stream, "DATA", "354 ");
        stream.get_mut().write_all(body.as_bytes()).unwrap();
        let start = Instant::now();
        stream.get_mut().write_all(b".\r\n").unwrap();
        let got = reply(&mut stream);
        latencies.push(start.elapsed());
        assert!(got.starts_with("250 Ok "), "{got}");
    }
    command(&mut stream, "QUIT", "221 ");
    latencies
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let mut status = String::new();
    std::fs::File::open(format!("/proc/{pid}/status"))
        .ok()?
        .read_to_string(&mut status)
        .ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let messages: usize = args.next().map_or(1000, |a| a.parse().expect("MESSAGES"));
    let sessions: usize = args.next().map_or(50, |a| a.parse().expect("SESSIONS"));

    // A certificate for the server, trusted by the clients.
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let dir = std::env::temp_dir().join(format!("smtp-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();

    let mut server = Command::new(server_binary())
        .args(["serve", "--smtps", "127.0.0.1:0"])
        .arg("--smtp-cert")
        .arg(&cert)
        .arg("--smtp-key")
        .arg(&key)
        .args(["--smtp-max-connections", &sessions.max(100).to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .split(' ')
        .nth(3)
        .and_then(|a| a.rsplit(':').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));

    let mut roots = RootCertStore::empty();
    roots.add(made.cert.der().clone()).unwrap();
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = Arc::new(
        ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    );

    let start = Instant::now();
    let threads: Vec<_> = (0..sessions)
        .map(|id| {
            let config = config.clone();
            let share = messages / sessions + usize::from(id < messages % sessions);
            std::thread::spawn(move || session(port, config, share, id))
        })
        .collect();
    let mut latencies: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("a session"))
        .collect();
    let elapsed = start.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    let rss = peak_rss_kib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);

    println!(
        "{} messages over {sessions} sessions in {:.2} s: {:.0} messages/s",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "end of DATA to 250: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3
    );
    match rss {
        Some(kib) => println!("server peak RSS (VmHWM): {:.1} MiB", kib as f64 / 1024.0),
        None => println!("server peak RSS: unknown (no /proc)"),
    }
}
