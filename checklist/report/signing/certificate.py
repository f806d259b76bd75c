"""The signer's digital certificate: a PKCS#12 file (.p12 or .pfx) and its password.

The password is never taken from the command line (where other users of the machine
and the shell's history see it): it is asked for on a terminal, or read from the
environment variable PASSWORD_VARIABLE for scripts.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.problems import display_path, os_error_text
from checklist.reading import MB, read_file

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

PASSWORD_VARIABLE = "CHECKLIST_P12_PASSWORD"
TRIES = 3  # passwords asked for on a terminal before giving up


class SigningError(Exception):
    """Signing cannot go on; the message, in Chinese, names the file and what to do."""


@dataclass(frozen=True)
class Credentials:
    """A signer ready to sign, and who it is as its certificate names it."""

    signer: SimpleSigner
    name: str  # the certificate's CN, else its O
    organisation: str  # its O, '' when it names none


# Asks for the password on a terminal (None: there is no terminal to ask on).
AskPassword = Callable[[str], str | None]


def read_credentials(path: Path, ask: AskPassword, now: dt.datetime | None = None) -> Credentials:
    """The key and certificate in the PKCS#12 file at `path`; a password, when it has
    one, comes from $CHECKLIST_P12_PASSWORD or, failing that, from `ask`.

    Raises SigningError for a file that cannot be read, is not PKCS#12, holds no key,
    or whose password is wrong, and for a certificate not valid at `now`."""
    name = display_path(path)
    try:
        data = read_file(path, 4 * MB, "证书文件")
    except FileNotFoundError:
        raise SigningError(f"找不到证书文件 {name}，请检查路径") from None
    except OSError as exc:
        raise SigningError(f"无法读取证书文件 {name}：{os_error_text(exc)}") from None
    except ValueError as exc:
        raise SigningError(f"无法读取证书文件 {name}：{exc}") from None
    if not _is_pkcs12(data):
        raise SigningError(
            f"证书文件 {name} 不是 PKCS#12 格式（.p12 或 .pfx）；请指定含私钥的数字证书文件"
            "（可用证书颁发机构提供的工具或浏览器的证书管理导出为 .p12 或 .pfx）"
        )
    key, certificate, others = _unlock(data, name, ask)
    if key is None or certificate is None:
        raise SigningError(
            f"证书文件 {name} 中没有私钥和与之对应的证书，不能用于签名；"
            "请导出时选择“导出私钥”，或向证书颁发机构索取签名证书"
        )
    _check_validity(certificate, name, now or dt.datetime.now(dt.UTC))
    return _credentials(key, certificate, others)


def _is_pkcs12(data: bytes) -> bool:
    from asn1crypto import pkcs12

    try:
        pfx = pkcs12.Pfx.load(data)
        return bool(pfx["auth_safe"]["content_type"].native)
    except (ValueError, TypeError, KeyError):
        return False


def _unlock(data: bytes, name: str, ask: AskPassword) -> tuple[object, object, list[object]]:
    """The key, certificate and other certificates of a PKCS#12 file, opened without a
    password, with $CHECKLIST_P12_PASSWORD or with passwords `ask` gets."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    def opened(password: bytes | None) -> tuple[object, object, list[object]] | None:
        try:
            key, certificate, others = pkcs12.load_key_and_certificates(data, password)
        except ValueError:
            return None
        return key, certificate, list(others)

    for password in (None, b""):
        if (found := opened(password)) is not None:
            return found
    given = os.environ.get(PASSWORD_VARIABLE)
    if given is not None:
        if (found := opened(given.encode())) is not None:
            return found
        raise SigningError(
            f"环境变量 {PASSWORD_VARIABLE} 中的密码打不开证书文件 {name}：密码不对，"
            "或证书文件已损坏；请改正这个环境变量，或删去它，在终端中运行本命令输入密码"
        )
    prompt = f"请输入证书文件 {name} 的密码（输入时不显示）："
    for _ in range(TRIES):
        typed = ask(prompt)
        if typed is None:
            raise SigningError(
                f"证书文件 {name} 设有密码；请在终端中运行本命令以输入密码，"
                f"或用环境变量 {PASSWORD_VARIABLE} 提供密码（不要写在命令行上）"
            )
        if (found := opened(typed.encode())) is not None:
            return found
        prompt = f"密码不对。请重新输入证书文件 {name} 的密码："
    raise SigningError(
        f"{TRIES} 次输入的密码都打不开证书文件 {name}：密码不对，或证书文件已损坏；"
        "请向证书的保管人确认密码后重试"
    )


def _check_validity(certificate: object, name: str, now: dt.datetime) -> None:
    from cryptography import x509

    assert isinstance(certificate, x509.Certificate)
    start, end = certificate.not_valid_before_utc, certificate.not_valid_after_utc
    if now > end:
        raise SigningError(
            f"证书文件 {name} 中的证书已于 {_day(end)} 过期，不能再用于签名；"
            "请向证书颁发机构申请更新证书后重试"
        )
    if now < start:
        raise SigningError(
            f"证书文件 {name} 中的证书自 {_day(start)} 起才生效，现在还不能用于签名；"
            "请检查本机的日期和时间，或待证书生效后重试"
        )


def _day(moment: dt.datetime) -> str:
    local = moment.astimezone()
    return f"{local.year}年{local.month}月{local.day}日"


def _credentials(key: object, certificate: object, others: list[object]) -> Credentials:
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    from pyhanko.keys.internal import (
        translate_pyca_cryptography_cert_to_asn1,
        translate_pyca_cryptography_key_to_asn1,
    )
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    assert isinstance(certificate, x509.Certificate)

    def named(oid: x509.ObjectIdentifier) -> str:
        values = certificate.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    store = SimpleCertificateStore()
    store.register_multiple(translate_pyca_cryptography_cert_to_asn1(c) for c in others)
    signer = SimpleSigner(
        signing_cert=translate_pyca_cryptography_cert_to_asn1(certificate),
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        cert_registry=store,
    )
    organisation = named(NameOID.ORGANIZATION_NAME)
    name = named(NameOID.COMMON_NAME) or organisation or certificate.subject.rfc4514_string()
    return Credentials(signer, name, organisation)
