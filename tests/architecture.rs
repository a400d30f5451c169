//! The shape of the crate, checked on its sources: the library's top-level modules form no
//! import circle (each names only modules below it), no source file grows past 700 lines, and
//! the crate root stays small.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The longest a source file may be, in lines.
const MAX_LINES: usize = 700;
/// The most names the crate root may export (public modules and `pub use` names).
const MAX_ROOT_NAMES: usize = 35;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (line comments and doc comments), so that a
/// path named in prose is not taken for a dependency.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names a `pub use a::{b, c};` or `pub use a::b;` line of lib.rs exports, with `a`.
fn root_exports(lib: &str) -> Vec<(String, String)> {
    let code = code_of(lib);
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("pub use ") {
        let stmt_end = rest[at..].find(';').unwrap() + at;
        let stmt = &rest[at + "pub use ".len()..stmt_end];
        let (module, names) = stmt.split_once("::").unwrap();
        let names = names.trim().trim_start_matches('{').trim_end_matches('}');
        for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            out.push((module.trim().to_string(), name.to_string()));
        }
        rest = &rest[stmt_end..];
    }
    out
}

/// The top-level modules lib.rs declares.
fn modules(lib: &str) -> BTreeSet<String> {
    code_of(lib)
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")
                .map(|m| m.trim_end_matches(';').trim().to_string())
        })
        .collect()
}

/// Module → the other top-level modules its files name through `crate::`.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let lib = fs::read_to_string("src/lib.rs").unwrap();
    let modules = modules(&lib);
    let exported: BTreeMap<String, String> = root_exports(&lib)
        .into_iter()
        .map(|(module, name)| (name, module))
        .collect();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix("src").unwrap();
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        let first = parts.next().unwrap().to_string();
        if first == "bin" || first == "lib.rs" {
            continue;
        }
        let module = first.trim_end_matches(".rs").to_string();
        let code = code_of(&fs::read_to_string(&file).unwrap());
        // The top-level module a name after `crate::` belongs to.
        let owner = |name: &str| match exported.get(name) {
            Some(m) => Some(m.clone()),
            None => modules.contains(name).then(|| name.to_string()),
        };
        let mut named = Vec::new();
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            named.push(name);
        }
        // `use crate::{a, b::c}` groups.
        for (i, _) in code.match_indices("crate::{") {
            let group = &code[i + "crate::{".len()..];
            let group = &group[..group.find("};").unwrap_or(group.len())];
            for item in group.split(',') {
                let first = item.trim().split("::").next().unwrap_or("");
                named.push(first.trim().to_string());
            }
        }
        let deps = graph.entry(module.clone()).or_default();
        deps.extend(
            named
                .iter()
                .filter_map(|n| owner(n))
                .filter(|t| *t != module),
        );
    }
    graph
}

/// A cycle in `graph`, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(2) => return None,
            Some(1) => {
                let start = path.iter().position(|n| n == node).unwrap();
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            _ => {}
        }
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_import_circle_between_modules() {
    let graph = module_graph();
    // The check itself can fail: a graph with a circle is found.
    let mut circular = graph.clone();
    circular
        .entry("report".into())
        .or_default()
        .insert("raw".into());
    circular
        .entry("raw".into())
        .or_default()
        .insert("report".into());
    assert!(find_cycle(&circular).is_some());
    // The bottom of the crate names nothing above it.
    for bottom in ["texts", "limits", "report"] {
        for above in [
            "request", "raw", "query", "account", "address", "form", "v2",
        ] {
            assert!(
                !graph[bottom].contains(above),
                "{bottom} names {above}: {:?}",
                graph[bottom]
            );
        }
    }
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import circle: {}", cycle.join(" -> "));
    }
}

#[test]
fn no_source_file_is_too_long() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        rust_files(Path::new(dir), &mut files);
    }
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = fs::read_to_string(f).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}

#[test]
fn the_crate_root_is_small() {
    let lib = fs::read_to_string("src/lib.rs").unwrap();
    let public_modules = code_of(&lib)
        .lines()
        .filter(|l| l.trim().starts_with("pub mod "))
        .count();
    let names = public_modules + root_exports(&lib).len();
    assert!(
        names <= MAX_ROOT_NAMES,
        "the crate root exports {names} names (at most {MAX_ROOT_NAMES})"
    );
}
