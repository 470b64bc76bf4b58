//! `fake-cloud`: runs the DDM, DWS and OCP fakes until Ctrl-C or SIGTERM.

use clap::Parser;
use fake_cloud::{FakeCloud, FakeConfig};

/// Local fake of the Huawei DDM, Huawei DWS and OceanBase OCP account APIs.
#[derive(Parser, Debug)]
#[command(name = "fake-cloud", version, about)]
struct Args {
    /// Port of the DDM listener on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    ddm_port: u16,
    /// Port of the DWS listener on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    dws_port: u16,
    /// Port of the OCP listener on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    ocp_port: u16,
    /// Largest request body accepted, in bytes; a larger one is answered 413.
    #[arg(long, default_value_t = FakeConfig::DEFAULT_MAX_BODY_BYTES)]
    max_body_bytes: usize,
    /// Seconds a request may take to send its head, and then its body (408 after that).
    #[arg(long, default_value_t = FakeConfig::DEFAULT_BODY_TIMEOUT.as_secs())]
    body_timeout_secs: u64,
    /// How many requests the log keeps (the latest); 0 keeps none.
    #[arg(long, default_value_t = FakeConfig::DEFAULT_REQUEST_LOG_CAPACITY)]
    request_log: usize,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();

    // The well-known access key is on, so that signed requests can be tried too.
    let config = FakeConfig {
        ddm_port: args.ddm_port,
        dws_port: args.dws_port,
        ocp_port: args.ocp_port,
        max_body_bytes: args.max_body_bytes,
        body_timeout: std::time::Duration::from_secs(args.body_timeout_secs),
        request_log_capacity: args.request_log,
        ..FakeConfig::default().with_default_aksk()
    };
    let fake = match FakeCloud::try_start_with(config).await {
        Ok(fake) => fake,
        Err(error) => {
            eprintln!("fake-cloud: cannot listen: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    print_banner(&fake);

    wait_for_stop_signal().await;
    tracing::info!("stopping");
    fake.shutdown().await;
    tracing::info!("stopped");
    std::process::ExitCode::SUCCESS
}

fn print_banner(fake: &FakeCloud) {
    let config = fake.config();
    let tenants: Vec<String> = config
        .ocp_tenants
        .iter()
        .map(|(cluster, tenant)| format!("cluster {cluster} tenant {tenant}"))
        .collect();
    println!("fake-cloud is serving:");
    println!("  DDM  {}", fake.ddm_endpoint());
    println!("  DWS  {}", fake.dws_endpoint());
    println!("  OCP  {}", fake.ocp_endpoint());
    println!("DDM and DWS:");
    println!("  project id     {}", config.project_id);
    println!("  X-Auth-Token   {}", config.iam_token);
    println!("OCP:");
    println!(
        "  Basic auth     {}:{}",
        config.ocp_username, config.ocp_password
    );
    println!("  tenants        {}", tenants.join(", "));
    if let Some((ak, sk)) = &config.aksk {
        println!("Signed requests (SDK-HMAC-SHA256, OCP-ACCESS-KEY-HMACSHA1):");
        println!("  access key     {ak}");
        println!("  secret key     {sk}");
    }
    println!("Stop with Ctrl-C.");
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
                return;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot watch SIGTERM; only Ctrl-C stops the server")
            }
        }
    }
    if let Err(error) = tokio::signal::ctrl_c().await {
        tracing::warn!(%error, "cannot watch Ctrl-C; stopping now");
    }
}
