//! `route-sim`: parse arguments, run, turn the result into an exit code.

mod cli;

fn main() -> std::process::ExitCode {
    // Like other Unix tools, stop quietly when the reader of stdout goes away
    // (`route-sim ... | head`) instead of failing on the next print.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::main()
}
