"""Address safety: which URLs and IP addresses we may connect to, and a transport that pins them.

Server-side request forgery is prevented in two places:

1. ``check_url`` refuses anything but http/https URLs with a host, resolves the
   host and refuses it if *any* of its addresses is private, loopback,
   link-local, multicast, reserved, unspecified or otherwise not global
   (IPv4-mapped, 6to4 and NAT64 forms are unwrapped first). IP literals are
   judged without any DNS query, so ``http://169.254.169.254/`` fails at once.
2. ``PinnedTransport`` (an ``httpx.HTTPTransport``) uses a network backend that
   resolves the host again *at connect time*, checks every address and then
   connects to the checked IP itself. The request keeps its Host header and
   TLS keeps the host name for SNI and certificate checks, so a DNS answer that
   changes between check and connect (DNS rebinding) can never reach a private
   address. Every redirect hop is a new request and goes through both checks.

Private addresses are allowed only when the caller says so: all of them
(``allow_private``) or those of explicitly named hosts (``allowed_hosts``).
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

from dragoman.errors import FetchRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
ALLOWED_SCHEMES = ("http", "https")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class Target:
    """A URL split into what the safety checks need."""

    url: str
    scheme: str
    host: str
    port: int


def parse_target(url: str) -> Target:
    """Split ``url``; refuse other schemes, missing hosts and credentials in the URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"{url}: not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchRefused(f"{url}: only http and https URLs are fetched, not {scheme or 'a relative URL'!r}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchRefused(f"{url}: the URL has no host")
    if parts.username or parts.password:
        raise FetchRefused(f"{url}: URLs with credentials are not fetched")
    return Target(url=url, scheme=scheme, host=host, port=port or (443 if scheme == "https" else 80))


def _unwrap(ip: IPAddress) -> IPAddress:
    """The IPv4 address hidden in an IPv4-mapped, 6to4 or NAT64 IPv6 address, else ``ip``."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip.sixtofour is not None:
            return ip.sixtofour
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def address_problem(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public address (e.g. "private"), or None if it is public."""
    inner = _unwrap(ip)
    for candidate in {ip, inner}:
        for attr in ("is_unspecified", "is_loopback", "is_link_local", "is_multicast", "is_private", "is_reserved"):
            if getattr(candidate, attr):
                return attr.removeprefix("is_").replace("_", "-")
        if not candidate.is_global:
            return "not globally routable"
        if isinstance(candidate, ipaddress.IPv6Address) and candidate.teredo is not None:
            return "a Teredo tunnel"
    return None


def literal_address(host: str) -> IPAddress | None:
    """``host`` as an IP address if it is a literal (IPv6 without brackets), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses of ``host`` (a literal is returned as is, without a DNS query)."""
    literal = literal_address(host)
    if literal is not None:
        return [literal]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpx.ConnectError(f"cannot resolve {host}: {exc}") from exc
    seen: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if ip not in seen:
            seen.append(ip)
    if not seen:
        raise httpx.ConnectError(f"cannot resolve {host}: no addresses")
    return seen


@dataclass(frozen=True)
class AddressPolicy:
    """Which non-public addresses may be contacted: all (``allow_private``) or those of a few named hosts."""

    allow_private: bool = False
    allowed_hosts: frozenset[str] = frozenset()

    def allows_any(self, host: str) -> bool:
        return self.allow_private or host.lower().strip("[]") in self.allowed_hosts


def checked_addresses(host: str, port: int, policy: AddressPolicy) -> list[IPAddress]:
    """Resolve ``host`` and refuse it unless every address is public (or the policy allows it)."""
    addresses = resolve(host, port)
    if policy.allows_any(host):
        return addresses
    for ip in addresses:
        problem = address_problem(ip)
        if problem:
            shown = host if literal_address(host) else f"{host} ({ip})"
            raise FetchRefused(
                f"{shown} is a {problem} address; fetching it needs --allow-private "
                "or DRAGOMAN_FETCH_ALLOW_PRIVATE=1"
            )
    return addresses


def check_url(url: str, policy: AddressPolicy) -> Target:
    """Refuse ``url`` unless its scheme is http(s) and its host resolves only to allowed addresses."""
    target = parse_target(url)
    try:
        checked_addresses(target.host, target.port, policy)
    except FetchRefused as exc:
        raise FetchRefused(f"{url}: {exc}") from None
    return target


class GuardedBackend(httpcore.SyncBackend):
    """A network backend that checks every address of a host and connects to a checked IP."""

    def __init__(self, policy: AddressPolicy) -> None:
        super().__init__()
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = checked_addresses(host, port, self.policy)
        except httpx.ConnectError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        last: Exception | None = None
        for ip in addresses:  # connect to the address we checked, never re-resolve
            try:
                return super().connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last


class PinnedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` whose connections go through ``GuardedBackend`` and never a proxy.

    The host name stays in the URL, so the Host header, SNI and certificate
    verification use it; only the TCP connection is made to the checked IP.
    """

    def __init__(self, policy: AddressPolicy, max_connections: int = 20) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(policy),
        )
