//! Upload limits are enforced while the body is still arriving.

use std::time::Duration;

use resume_api::ApiSettings;
use resume_domain::{Role, Tier};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::support::{Ports, TestApp, BOUNDARY};

const LIMIT: usize = 64 * 1024;

async fn small_limit_app() -> TestApp {
    let settings = ApiSettings {
        max_upload_bytes: LIMIT,
        workers: Some(1),
        ..ApiSettings::default()
    };
    TestApp::with(Ports {
        settings,
        ..Ports::default()
    })
    .await
}

/// Reads until the end of the response head and returns it.
async fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0_u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut byte))
            .await
            .expect("the server did not answer in time")
            .unwrap();
        if read == 0 {
            break;
        }
        head.extend_from_slice(&byte[..read]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

fn request_head(job: i64, token: &str, length: &str) -> String {
    format!(
        "POST /api/resume/enhance-resume/{job}/ HTTP/1.1\r\nHost: localhost\r\n\
         Authorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n{length}\r\n"
    )
}

#[actix_web::test]
async fn a_declared_length_over_the_limit_is_refused_before_any_body_is_sent() {
    let app = small_limit_app().await;
    let (_, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let job = app.job().await;
    let mut stream = TcpStream::connect(app.addr).await.unwrap();

    let length = format!("Content-Length: {}\r\n", 50 * 1024 * 1024);
    stream
        .write_all(request_head(job, &token, &length).as_bytes())
        .await
        .unwrap();
    let head = read_head(&mut stream).await;

    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    assert!(head.to_ascii_lowercase().contains("x-request-id"), "{head}");
}

#[actix_web::test]
async fn a_streamed_upload_is_refused_as_soon_as_it_passes_the_limit() {
    let app = small_limit_app().await;
    let (_, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let job = app.job().await;
    let mut stream = TcpStream::connect(app.addr).await.unwrap();

    stream
        .write_all(request_head(job, &token, "Transfer-Encoding: chunked\r\n").as_bytes())
        .await
        .unwrap();
    let part_head = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
    );
    let mut chunks = vec![part_head.into_bytes()];
    chunks.extend(std::iter::repeat_n(
        vec![b'a'; 8 * 1024],
        LIMIT / (8 * 1024) + 2,
    ));
    for chunk in chunks {
        let framed = [
            format!("{:x}\r\n", chunk.len()).into_bytes(),
            chunk,
            b"\r\n".to_vec(),
        ];
        if stream.write_all(&framed.concat()).await.is_err() {
            break; // the server has answered and stopped reading
        }
    }
    // The terminating chunk is never sent: the answer must come without it.
    let head = read_head(&mut stream).await;

    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
}

#[actix_web::test]
async fn an_upload_at_the_limit_is_accepted() {
    let app = small_limit_app().await;
    let (_, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let job = app.job().await;
    let mut file = b"Ada Lovelace\nRust\n".to_vec();
    file.resize(LIMIT, b' ');

    let response = app.upload(&token, job, &file).await;

    assert_eq!(response.status(), 200);
}

#[actix_web::test]
async fn an_upload_one_byte_over_the_limit_is_a_413() {
    let app = small_limit_app().await;
    let (_, token) = app
        .user_with("p@example.com", Role::User, Tier::Premium)
        .await;
    let job = app.job().await;

    let response = app.upload(&token, job, &vec![b'a'; LIMIT + 1]).await;

    assert_eq!(response.status(), 413);
}

#[actix_web::test]
async fn a_body_that_stops_arriving_is_a_408() {
    let settings = ApiSettings {
        body_timeout_secs: 1,
        workers: Some(1),
        ..ApiSettings::default()
    };
    let app = TestApp::with(Ports {
        settings,
        ..Ports::default()
    })
    .await;
    let mut stream = TcpStream::connect(app.addr).await.unwrap();

    let head = "POST /api/auth/login/ HTTP/1.1\r\nHost: localhost\r\n\
        Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":";
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_head(&mut stream).await;

    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}
