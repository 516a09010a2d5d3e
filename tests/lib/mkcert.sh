# mkcert.sh - certificates with chosen names, key sizes and dates (sourced).
#
#   mkcert_ca DIR CN                     a test CA in DIR (ca.key, ca.pem),
#                                        RSA 2048, valid from a day ago for
#                                        a year
#   mkcert_issue DIR OUT CN BITS FROM TO [SAN...]
#                                        a server certificate signed by the
#                                        CA in DIR; OUT gets the key and the
#                                        certificate (smtpd_tls_chain_files
#                                        order), OUT.crt the certificate alone
#   mkcert_self DIR OUT CN BITS FROM TO [SAN...]
#                                        the same, self-signed (issuer =
#                                        subject, signed by its own key)
#
# FROM and TO are whole days from now and may be negative: "-400 -30"
# makes a certificate that expired a month ago, "-30 5" one that expires
# in five days. Each SAN is a DNS name; none given means no
# subjectAltName at all (the CN alone names the host).
#
# "openssl req -x509" and "openssl x509 -req" (OpenSSL 3.0) can only start
# a certificate now; "openssl ca" takes -startdate and -enddate, so every
# certificate here is made by "openssl ca" with a minimal config of its
# own (no system openssl.cnf is read). Keys under 2048 bits are made on
# purpose; the CLI signs them whatever the TLS security level says.

# mkcert__date DAYS - an "openssl ca" date DAYS days from now (UTC)
mkcert__date() {
	date -u -d "$1 days" +%Y%m%d%H%M%SZ
}

# mkcert__conf DIR - the minimal "openssl ca" config of DIR's database
mkcert__conf() {
	mkdir -p "$1/issued" || return 1
	[ -f "$1/index.txt" ] || : >"$1/index.txt"
	[ -f "$1/serial" ] || echo 1000 >"$1/serial"
	cat >"$1/ca.cnf" <<EOF
[ ca ]
default_ca = lab
[ lab ]
database = $1/index.txt
new_certs_dir = $1/issued
serial = $1/serial
default_md = sha256
policy = anything
unique_subject = no
email_in_dn = no
[ anything ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
EOF
}

# mkcert__ext FILE CA SAN... - the extensions of one certificate
mkcert__ext() {
	local f="$1" ca="$2" san="" n
	shift 2
	if [ "$ca" = yes ]; then
		printf 'basicConstraints = critical, CA:true\n' >"$f"
		printf 'keyUsage = critical, keyCertSign, cRLSign\n' >>"$f"
	else
		printf 'basicConstraints = CA:false\n' >"$f"
		printf 'keyUsage = digitalSignature, keyEncipherment\n' >>"$f"
		printf 'extendedKeyUsage = serverAuth\n' >>"$f"
	fi
	printf 'subjectKeyIdentifier = hash\n' >>"$f"
	for n in "$@"; do san="$san${san:+, }DNS:$n"; done
	[ -z "$san" ] || printf 'subjectAltName = %s\n' "$san" >>"$f"
}

# mkcert__make DIR OUT CN BITS FROM TO MODE SAN... - key, CSR, certificate
#
# MODE is "ca" (the CA itself, self-signed), "self" or "issue".
mkcert__make() {
	local dir="$1" out="$2" cn="$3" bits="$4" from="$5" to="$6" mode="$7"
	local key csr ext sign=()
	shift 7
	mkcert__conf "$dir" || return 1
	key="$out.key" csr="$out.csr" ext="$out.ext"
	openssl genrsa -out "$key" "$bits" 2>/dev/null || return 1
	OPENSSL_CONF="$dir/ca.cnf" openssl req -new -key "$key" \
	    -subj "/CN=$cn" -out "$csr" 2>"$out.err" || { cat "$out.err" >&2; return 1; }
	case $mode in
	ca) mkcert__ext "$ext" yes; sign=(-selfsign -keyfile "$key") ;;
	self) mkcert__ext "$ext" no "$@"; sign=(-selfsign -keyfile "$key") ;;
	issue) mkcert__ext "$ext" no "$@"
		sign=(-cert "$dir/ca.pem" -keyfile "$dir/ca.key") ;;
	esac
	openssl ca -batch -notext -config "$dir/ca.cnf" "${sign[@]}" \
	    -startdate "$(mkcert__date "$from")" -enddate "$(mkcert__date "$to")" \
	    -extfile "$ext" -in "$csr" -out "$out.crt" >"$out.err" 2>&1 ||
	    { cat "$out.err" >&2; return 1; }
	rm -f "$csr" "$ext" "$out.err"
}

mkcert_ca() {
	mkdir -p "$1" || return 1
	mkcert__make "$1" "$1/ca" "$2" 2048 -1 365 ca &&
	    mv "$1/ca.crt" "$1/ca.pem"
}

mkcert_issue() {
	local dir="$1" out="$2"
	shift 2
	mkcert__make "$dir" "$out" "$1" "$2" "$3" "$4" issue "${@:5}" &&
	    cat "$out.key" "$out.crt" >"$out"
}

mkcert_self() {
	local dir="$1" out="$2"
	shift 2
	mkdir -p "$dir" || return 1
	mkcert__make "$dir" "$out" "$1" "$2" "$3" "$4" self "${@:5}" &&
	    cat "$out.key" "$out.crt" >"$out"
}
