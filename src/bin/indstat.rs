//! The `indstat` command line.

fn main() {
    let figure: indstat::Figure = "more than 6.5 million".parse().expect("valid figure");
    println!("indstat {}", env!("CARGO_PKG_VERSION"));
    match figure.interval() {
        Ok(i) => println!("{figure} = {i} million"),
        Err(e) => eprintln!("{e}"),
    }
}
