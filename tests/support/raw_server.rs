//! A hostile server on 127.0.0.1 that answers every connection with raw bytes: a head of
//! its choosing, then a body written chunk after chunk until the client stops reading or
//! a cap is reached. It counts the body bytes it managed to write, so a test can tell how
//! much of an answer the client read (memory measured by bytes, not by timing).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How the body goes on the wire.
#[derive(Clone, Copy, Debug)]
pub enum Framing {
    /// `Transfer-Encoding: chunked`, with no end: a chunk after another.
    EndlessChunked,
    /// `Content-Length` of this many bytes, then as many as the client takes.
    ContentLength(u64),
}

pub struct FloodServer {
    pub url: String,
    written: Arc<AtomicU64>,
    finished: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

/// One chunk of the flood: 64 KiB of `x`.
const CHUNK: usize = 64 * 1024;

impl FloodServer {
    /// Answers with `status`, `headers` (`name: value` lines) and the body framed as said,
    /// writing at most `cap` body bytes.
    pub async fn start(status: u16, headers: &[&str], framing: Framing, cap: u64) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let written = Arc::new(AtomicU64::new(0));
        let finished = Arc::new(AtomicBool::new(false));
        let mut head = format!("HTTP/1.1 {status} Flood\r\nContent-Type: application/json\r\n");
        for header in headers {
            head.push_str(header);
            head.push_str("\r\n");
        }
        match framing {
            Framing::EndlessChunked => head.push_str("Transfer-Encoding: chunked\r\n"),
            Framing::ContentLength(n) => head.push_str(&format!("Content-Length: {n}\r\n")),
        }
        head.push_str("\r\n");
        let (count, done) = (written.clone(), finished.clone());
        let task = tokio::spawn(async move {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            // Read the request head (the client waits for nothing else first).
            let mut request = [0u8; 16 * 1024];
            let _ = stream.read(&mut request).await;
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let payload = vec![b'x'; CHUNK];
            let mut framed = Vec::new();
            if let Framing::EndlessChunked = framing {
                framed.extend_from_slice(format!("{CHUNK:x}\r\n").as_bytes());
            }
            framed.extend_from_slice(&payload);
            if let Framing::EndlessChunked = framing {
                framed.extend_from_slice(b"\r\n");
            }
            while count.load(Ordering::SeqCst) < cap {
                if stream.write_all(&framed).await.is_err() {
                    break;
                }
                count.fetch_add(CHUNK as u64, Ordering::SeqCst);
            }
            done.store(true, Ordering::SeqCst);
        });
        FloodServer {
            url,
            written,
            finished,
            task,
        }
    }

    /// Body bytes written so far (what the client's kernel accepted, at least).
    pub fn written(&self) -> u64 {
        self.written.load(Ordering::SeqCst)
    }

    /// Whether the server stopped (the client closed the connection, or the cap was hit).
    pub fn finished(&self) -> bool {
        self.finished.load(Ordering::SeqCst)
    }
}

impl Drop for FloodServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
