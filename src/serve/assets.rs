//! The map page and its library, embedded in the binary: a request names an asset from this
//! fixed list, never a path, so nothing a client sends reaches the file system.

/// One embedded file: its name under `/map/`, its bytes and its media type.
pub struct Asset {
    /// The name in the address.
    pub name: &'static str,
    /// The file's bytes.
    pub bytes: &'static [u8],
    /// Its media type.
    pub kind: &'static str,
}

/// Every file of the map (see `assets/map/README.md` for where each comes from).
pub const ASSETS: [Asset; 6] = [
    Asset {
        name: "index.html",
        bytes: include_bytes!("../../assets/map/index.html"),
        kind: "text/html; charset=utf-8",
    },
    Asset {
        name: "map.js",
        bytes: include_bytes!("../../assets/map/map.js"),
        kind: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "map.css",
        bytes: include_bytes!("../../assets/map/map.css"),
        kind: "text/css; charset=utf-8",
    },
    Asset {
        name: "leaflet-1.9.4/leaflet.js",
        bytes: include_bytes!("../../assets/map/leaflet-1.9.4/leaflet.js"),
        kind: "text/javascript; charset=utf-8",
    },
    Asset {
        name: "leaflet-1.9.4/leaflet.css",
        bytes: include_bytes!("../../assets/map/leaflet-1.9.4/leaflet.css"),
        kind: "text/css; charset=utf-8",
    },
    Asset {
        name: "leaflet-1.9.4/LICENSE",
        bytes: include_bytes!("../../assets/map/leaflet-1.9.4/LICENSE"),
        kind: "text/plain; charset=utf-8",
    },
];

/// The asset of this name.
pub fn get(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_names_are_served() {
        assert!(get("map.js").is_some());
        for name in [
            "../Cargo.toml",
            "/etc/passwd",
            "leaflet-1.9.4/../../src/lib.rs",
            "",
        ] {
            assert!(get(name).is_none(), "{name}");
        }
    }
}
