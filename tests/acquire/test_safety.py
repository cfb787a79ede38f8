"""SSRF safety: refused addresses are never contacted; the connection is pinned to the checked IP."""

from __future__ import annotations

import ipaddress
import socket
import time

import pytest

from dragoman.acquire import AcquireOptions, PoliteClient, fetch_urls
from dragoman.acquire.safety import AddressPolicy, GuardedBackend, address_problem, check_url
from dragoman.errors import FetchRefused
from tests.acquire.site import EN


@pytest.mark.parametrize("address", [
    "10.255.255.1", "169.254.169.254", "127.0.0.1", "192.168.1.1", "172.16.0.1", "0.0.0.0", "224.0.0.1",
    "240.0.0.1", "100.64.0.1", "::1", "fe80::1", "fc00::1", "ff02::1", "::", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
    "2002:a00:1::1", "64:ff9b::a9fe:a9fe",
])
def test_non_public_addresses_have_a_problem(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2001:4860:4860::8888"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("url", ["http://10.255.255.1/", "http://169.254.169.254/latest/meta-data/",
                                 "http://[::1]:8080/", "http://0.0.0.0/", "https://192.168.0.10/admin"])
def test_private_literals_fail_immediately_without_contact(url: str) -> None:
    started = time.monotonic()
    with PoliteClient(AcquireOptions(connect_timeout=5.0)) as client, pytest.raises(FetchRefused) as info:
        client.fetch(url, "page")
    # 10.255.255.1 would hang until the connect timeout if we tried to reach it
    assert time.monotonic() - started < 0.5
    assert "--allow-private" in str(info.value)


@pytest.mark.parametrize("url", ["ftp://example.org/file", "file:///etc/passwd", "javascript:alert(1)",
                                 "gopher://example.org/", "http:///nohost", "http://user:secret@example.org/",
                                 "/relative/path"])
def test_only_plain_http_urls(url: str) -> None:
    with pytest.raises(FetchRefused):
        check_url(url, AddressPolicy())


def test_local_server_refused_by_default_and_accepted_when_allowed(site) -> None:
    url = site.url(EN[0])
    with PoliteClient(AcquireOptions()) as client, pytest.raises(FetchRefused, match="loopback"):
        client.fetch(url, "page")
    assert sum(site.hits.values()) == 0
    with PoliteClient(AcquireOptions(allow_private=True, per_host_delay=0)) as client:
        assert client.fetch(url, "page").status == 200
    assert site.hits[EN[0]] == 1


def test_fetch_urls_reports_refusals_and_goes_on(site, sqlite_store, fast_options) -> None:
    options = fast_options.with_(allow_private=False, allowed_hosts=frozenset({"127.0.0.1"}))
    summary = fetch_urls(sqlite_store, ["http://10.255.255.1/", "http://169.254.169.254/", site.url(EN[0])], options)
    actions = [o.action for o in summary.outcomes]
    assert actions == ["refused", "refused", "new"]
    assert "private" in summary.outcomes[0].detail and "link-local" in summary.outcomes[1].detail


def test_each_redirect_hop_is_checked(site) -> None:
    options = AcquireOptions(allowed_hosts=frozenset({"127.0.0.1"}), per_host_delay=0)
    with PoliteClient(options) as client, pytest.raises(FetchRefused, match="169.254.169.254.*link-local"):
        client.fetch(site.url("/to-private"), "page")
    assert site.hits["/to-private"] == 1


def _fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """Answer getaddrinfo for invented names from ``answers`` (popping one per call when several)."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host not in answers:
            return real(host, port, *args, **kwargs)
        asked.append(host)
        ips = answers[host]
        ip = ips.pop(0) if len(ips) > 1 else ips[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_dns_rebinding_is_caught_at_connect_time(site, monkeypatch: pytest.MonkeyPatch) -> None:
    # First answer public (the pre-check passes), then loopback (what a rebinding attacker sends).
    asked = _fake_dns(monkeypatch, {"rebind.test": ["93.184.216.34", "127.0.0.1"]})
    options = AcquireOptions(respect_robots=False, per_host_delay=0)
    with PoliteClient(options) as client, pytest.raises(FetchRefused, match="loopback"):
        client.fetch(f"http://rebind.test:{site.port}{EN[0]}", "page")
    assert asked == ["rebind.test", "rebind.test"]
    assert sum(site.hits.values()) == 0


def test_connection_goes_to_the_checked_ip_with_the_host_header_kept(site, monkeypatch) -> None:
    _fake_dns(monkeypatch, {"ministry.test": ["127.0.0.1"]})
    options = AcquireOptions(allowed_hosts=frozenset({"ministry.test"}), per_host_delay=0)
    with PoliteClient(options) as client:
        result = client.fetch(f"http://ministry.test:{site.port}{EN[0]}", "page")
    assert result.status == 200
    headers = dict(site.requests[-1][1])
    assert headers["Host"] == f"ministry.test:{site.port}"


def test_guarded_backend_refuses_on_its_own(site) -> None:
    with pytest.raises(FetchRefused):
        GuardedBackend(AddressPolicy()).connect_tcp("127.0.0.1", site.port, timeout=1.0)
    stream = GuardedBackend(AddressPolicy(allow_private=True)).connect_tcp("127.0.0.1", site.port, timeout=1.0)
    stream.close()
