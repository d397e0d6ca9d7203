#!/bin/sh
# Makes the fleet's test keystores with the JDK's keytool (run in this directory; the password of every store is
# "changeit"; valid from 2020 for 100 years). The CA's own key store is deleted at the end: only its certificate is
# kept.
#   trust.p12     the test CA's certificate: the trust store of the fleet's SSL bundle
#   member.p12    a member's key, certificate issued by the CA for IP 127.0.0.1 (server and client use)
#   misnamed.p12  a key whose certificate the CA issued for the DNS name elsewhere.test only, not 127.0.0.1
#   rogue.p12     a self-signed key for IP 127.0.0.1, which the CA did not issue
set -e
p=changeit
days=36500
start="2020/01/01 00:00:00"
rm -f ca.p12 trust.p12 member.p12 misnamed.p12 rogue.p12
keytool -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=health-starter test fleet CA" \
  -ext bc:c -startdate "$start" -validity $days -keystore ca.p12 -storetype PKCS12 -storepass $p
keytool -exportcert -rfc -alias ca -keystore ca.p12 -storepass $p -file ca.pem
keytool -importcert -noprompt -alias ca -file ca.pem -keystore trust.p12 -storetype PKCS12 -storepass $p
issue() { # issue <store> <subject alternative name>
  keytool -genkeypair -alias member -keyalg EC -groupname secp256r1 -dname "CN=fleet member" -startdate "$start" \
    -validity $days -keystore "$1" -storetype PKCS12 -storepass $p
  keytool -certreq -alias member -keystore "$1" -storepass $p -file member.csr
  keytool -gencert -rfc -alias ca -keystore ca.p12 -storepass $p -infile member.csr -outfile member.pem \
    -startdate "$start" -validity $days -ext "san=$2" -ext eku=serverAuth,clientAuth
  keytool -importcert -noprompt -alias ca -file ca.pem -keystore "$1" -storepass $p
  keytool -importcert -alias member -file member.pem -keystore "$1" -storepass $p
  keytool -delete -alias ca -keystore "$1" -storepass $p
}
issue member.p12 ip:127.0.0.1
issue misnamed.p12 dns:elsewhere.test
keytool -genkeypair -alias member -keyalg EC -groupname secp256r1 -dname "CN=rogue member" -ext san=ip:127.0.0.1 \
  -startdate "$start" -validity $days -keystore rogue.p12 -storetype PKCS12 -storepass $p
rm -f ca.p12 ca.pem member.csr member.pem
