#[path = "../benches/corpus.rs"]
mod corpus;
fn main() {
    let idx: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let c = corpus::mixed_corpus();
    if idx == 9999 {
        for (i, s) in c.iter().enumerate() {
            if s.contains('<') && !(s.contains(':') && s.contains(';')) {
                println!("{i}");
            }
        }
        return;
    }
    for _ in 0..300 {
        std::hint::black_box(ses_presend::parse_address(std::hint::black_box(&c[idx])).is_ok());
    }
}
