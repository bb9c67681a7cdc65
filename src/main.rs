//! `route-sim`: parse arguments, run, turn the result into an exit code.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
