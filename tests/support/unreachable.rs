//! Endpoints on 127.0.0.1 where no answer can come from: a port nothing listens on (the
//! connection is refused) and a listener whose accept queue is full (the connection is
//! never opened).

use std::time::Duration;

/// A port on 127.0.0.1 that is bound but never listens: a connection is refused. Holding
/// the socket while it is used keeps a listener started meanwhile (another case's fake)
/// from taking the port, which a bound-then-released port could not promise.
pub struct ClosedPort {
    pub url: String,
    _socket: tokio::net::TcpSocket,
}

pub fn closed_port() -> ClosedPort {
    let socket = tokio::net::TcpSocket::new_v4().expect("a TCP socket");
    socket
        .bind("127.0.0.1:0".parse().expect("address"))
        .expect("bind 127.0.0.1");
    let address = socket.local_addr().expect("address");
    ClosedPort {
        url: format!("http://{address}"),
        _socket: socket,
    }
}

/// A listener on 127.0.0.1 that never accepts, with its accept queue filled, so the kernel
/// drops further connection attempts (SYNs) and a connect hangs. Keep it alive while used.
pub struct FullListener {
    pub url: String,
    _listener: tokio::net::TcpListener,
    _queued: Vec<tokio::net::TcpStream>,
}

pub async fn full_listener() -> FullListener {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind("127.0.0.1:0".parse().expect("address"))
        .expect("bind 127.0.0.1");
    let listener = socket.listen(0).expect("listen");
    let address = listener.local_addr().expect("address");
    let mut queued = Vec::new();
    // Connections complete in the kernel until the queue is full; the first that hangs
    // shows it is.
    for _ in 0..16 {
        let connect = tokio::net::TcpStream::connect(address);
        match tokio::time::timeout(Duration::from_millis(200), connect).await {
            Ok(Ok(stream)) => queued.push(stream),
            _ => break,
        }
    }
    FullListener {
        url: format!("http://{address}"),
        _listener: listener,
        _queued: queued,
    }
}
