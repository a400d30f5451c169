//! A real DNS server on loopback for the deliverability tests and the DNS bench: hickory's
//! authoritative server, in-process, serving one in-memory zone; and a server that never
//! answers, for the timeout.
// Shared by the test and the bench, which each use a part of it.
#![allow(dead_code)]

use hickory_server::net::runtime::TokioRuntimeProvider;
use hickory_server::proto::rr::rdata::{CNAME, MX, SOA, TXT};
use hickory_server::proto::rr::{LowerName, Name, RData, Record};
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneHandler, ZoneType};
use hickory_server::Server;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;

/// One record of the zone: its name (relative to the zone) and its data.
#[derive(Debug, Clone)]
pub enum Rec {
    /// MX with this preference and exchange (`.` for a null MX; relative names in the zone).
    Mx(u16, &'static str),
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Txt(&'static str),
    Cname(&'static str),
}

/// A running server: its address, and the runtime that serves it (stopped when dropped).
pub struct DnsServer {
    pub addr: SocketAddr,
    _runtime: tokio::runtime::Runtime,
}

fn absolute(name: &str, zone: &Name) -> Name {
    if name == "." {
        return Name::root();
    }
    if name == "@" {
        return zone.clone();
    }
    Name::from_str(name)
        .expect("a record name")
        .append_domain(zone)
        .expect("a name in the zone")
}

/// Serves `zone` (such as `presend-dns.net.`) with `records` on a free loopback UDP port.
pub fn start(zone: &str, records: &[(String, Rec)]) -> DnsServer {
    let origin = Name::from_str(zone).expect("a zone name");
    let mut handler = InMemoryZoneHandler::<TokioRuntimeProvider>::empty(
        origin.clone(),
        ZoneType::Primary,
        AxfrPolicy::Deny,
    );
    let soa = SOA::new(
        absolute("ns", &origin),
        absolute("hostmaster", &origin),
        1,
        3600,
        600,
        86400,
        60,
    );
    handler.upsert_mut(Record::from_rdata(origin.clone(), 60, RData::SOA(soa)), 1);
    for (name, rec) in records {
        let owner = absolute(name, &origin);
        let data = match rec {
            Rec::Mx(preference, exchange) => {
                RData::MX(MX::new(*preference, absolute(exchange, &origin)))
            }
            Rec::A(ip) => RData::A((*ip).into()),
            Rec::Aaaa(ip) => RData::AAAA((*ip).into()),
            Rec::Txt(text) => RData::TXT(TXT::new(vec![text.to_string()])),
            Rec::Cname(target) => RData::CNAME(CNAME(absolute(target, &origin))),
        };
        assert!(handler.upsert_mut(Record::from_rdata(owner, 60, data), 1));
    }
    let mut catalog = Catalog::new();
    let handler: Arc<dyn ZoneHandler> = Arc::new(handler);
    catalog.upsert(LowerName::new(&origin), vec![handler]);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let addr = runtime.block_on(async {
        let socket = tokio::net::UdpSocket::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let addr = socket.local_addr().expect("its address");
        let mut server = Server::new(catalog);
        server.register_socket(socket);
        // The server runs as long as the runtime: its tasks were spawned on it.
        std::mem::forget(server);
        addr
    });
    DnsServer {
        addr,
        _runtime: runtime,
    }
}

/// A loopback UDP port that receives queries and never answers: every lookup times out.
pub fn silent() -> (SocketAddr, std::net::UdpSocket) {
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").expect("a loopback port");
    (socket.local_addr().expect("its address"), socket)
}
