//! The cookbook's recipes are the examples: every file in `examples/` is included in
//! `src/cookbook.rs`, and the README lists every example.

use std::fs;

fn examples() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("examples/ exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_example_is_a_cookbook_recipe() {
    let cookbook = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/cookbook.rs"))
        .expect("src/cookbook.rs exists");
    let names = examples();
    assert!(names.len() >= 5, "{names:?}");
    for name in names {
        let include = format!("#![doc = include_str!(\"../examples/{name}\")]");
        assert!(
            cookbook.contains(&include),
            "the cookbook does not include examples/{name}"
        );
    }
}

#[test]
fn the_readme_lists_every_example() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md exists");
    for name in examples() {
        let stem = name.trim_end_matches(".rs");
        assert!(
            readme.contains(&format!("--example {stem}")),
            "the README does not show how to run examples/{name}"
        );
    }
}
