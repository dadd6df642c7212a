"""Addresses behind a reverse proxy: whom to believe about where a connection comes from.

Only a configured proxy (`--trusted-proxy`) may say, in X-Forwarded-For, which client it
forwards; what anyone else (or a client, inside the header) says is never believed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(texts: Iterable[str]) -> list[Network]:
    """`--trusted-proxy` values (an address or a CIDR block); raises ValueError."""
    return [ipaddress.ip_network(text.strip(), strict=False) for text in texts]


def trusted(address: str, networks: tuple[Network, ...]) -> bool:
    """Whether `address` is one of the trusted proxies."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in network for network in networks)


def forwarded_client(peer: str, headers: list[str], proxies: tuple[Network, ...]) -> str:
    """The client behind trusted proxies: walking X-Forwarded-For from the right, the first
    address that is not a trusted proxy (what a client put in the header itself is never
    believed). Something that is no address there ends the walk at the hop before it."""
    hops = [hop.strip() for header in headers for hop in header.split(",")]
    address = peer
    for hop in reversed(hops):
        if not trusted(address, proxies):
            break
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break
        address = hop
    return address


__all__ = ["Network", "forwarded_client", "parse_networks", "trusted"]
