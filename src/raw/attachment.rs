//! Attachment types SES refuses to send (docs/raw.md, documented list;
//! `raw-blocked-attachment`).

/// The blocked extensions, lower-case, without the dot.
const BLOCKED: &[&str] = &[
    "ade", "adp", "app", "asp", "bas", "bat", "cer", "chm", "cmd", "com", "cpl", "crt", "csh",
    "der", "exe", "fxp", "gadget", "hlp", "hta", "inf", "ins", "isp", "its", "js", "jse", "ksh",
    "lib", "lnk", "mad", "maf", "mag", "mam", "maq", "mar", "mas", "mat", "mau", "mav", "maw",
    "mda", "mdb", "mde", "mdt", "mdw", "mdz", "msc", "msh", "msh1", "msh2", "mshxml", "msh1xml",
    "msh2xml", "msi", "msp", "mst", "ops", "pcd", "pif", "plg", "prf", "prg", "reg", "scf", "scr",
    "sct", "shb", "shs", "sys", "ps1", "ps1xml", "ps2", "ps2xml", "psc1", "psc2", "tmp", "url",
    "vb", "vbe", "vbs", "vps", "vsmacros", "vss", "vst", "vsw", "vxd", "ws", "wsc", "wsf", "wsh",
    "xnk",
];

/// The blocked extension a file name ends with (the text after its last `.`, white space at
/// the end ignored, compared without case), if it has one.
pub(crate) fn blocked_extension(file_name: &str) -> Option<&str> {
    let (_, ext) = file_name.trim_end().rsplit_once('.')?;
    BLOCKED
        .iter()
        .any(|blocked| blocked.eq_ignore_ascii_case(ext))
        .then_some(ext)
}

#[cfg(test)]
mod tests {
    use super::blocked_extension;

    #[test]
    fn extensions() {
        assert_eq!(blocked_extension("setup.EXE"), Some("EXE"));
        assert_eq!(blocked_extension("C:\\temp\\run.msh1xml "), Some("msh1xml"));
        assert_eq!(blocked_extension("report.pdf"), None);
        assert_eq!(blocked_extension("exe"), None);
        assert_eq!(blocked_extension("archive.exe.zip"), None);
        assert_eq!(blocked_extension("trailing.exe."), None);
    }
}
