import socket

import pytest


def test_non_loopback_connection_is_refused() -> None:
    with socket.socket() as sock, pytest.raises(RuntimeError, match="reach the network"):
        sock.connect(("93.184.216.34", 80))


def test_loopback_is_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.socket() as client:
            client.connect(server.getsockname())
