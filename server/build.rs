// New migration files must be re-embedded by `sqlx::migrate!`, which Cargo would not notice.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
