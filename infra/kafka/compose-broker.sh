#!/bin/sh
# The broker of docker-compose.yml: the same settings as the local broker (infra/kafka/kafka-broker.ts): SASL_PLAINTEXT
# with SCRAM-SHA-512 for clients, PLAIN with the admin alone on the controller listener, the StandardAuthorizer denying
# what no ACL allows, the admin the only super user. Every principal in ESTAFETTE_KAFKA_PRINCIPALS gets its SCRAM
# credential when the storage is formatted (first start), its password from KAFKA_PASSWORD_<PRINCIPAL>.
# Runs as the image's entrypoint; the image's own env-to-properties step is not used.
set -eu

admin=estafette-admin
data=/var/lib/kafka/data
props=/tmp/server.properties
# The platform's secret name of a principal's password, e.g. estafette-werk-inkomen -> KAFKA_PASSWORD_ESTAFETTE_WERK_INKOMEN.
password_of() {
  var="KAFKA_PASSWORD_$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')"
  eval "value=\${$var:-}"
  [ -n "$value" ] || { echo "compose-broker: $var is not set" >&2; exit 2; }
  printf '%s' "$value"
}
admin_password=$(password_of "$admin")

# The files hold the admin's password: readable by this user only.
umask 077
cat > "$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=SASL_PLAINTEXT://kafka:9092
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$admin" password="$admin_password";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$admin" password="$admin_password" user_$admin="$admin_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:$admin
log.dirs=$data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS

# For the healthcheck: a client that logs in as the admin.
cat > /tmp/admin-client.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$admin" password="$admin_password";
PROPS

if [ ! -f "$data/meta.properties" ]; then
  set --
  for principal in ${ESTAFETTE_KAFKA_PRINCIPALS:?set ESTAFETTE_KAFKA_PRINCIPALS}; do
    password=$(password_of "$principal")
    set -- "$@" --add-scram "SCRAM-SHA-512=[name=$principal,password=$password]"
  done
  # The tool echoes the credentials: keep its output out of the container log.
  /opt/kafka/bin/kafka-storage.sh format -t "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" -c "$props" "$@" > /tmp/format.log 2>&1 ||
    { echo "compose-broker: storage format failed: $(tail -n 1 /tmp/format.log)" >&2; exit 1; }
  echo "compose-broker: storage formatted with SCRAM users: ${ESTAFETTE_KAFKA_PRINCIPALS}"
fi

exec /opt/kafka/bin/kafka-server-start.sh "$props"
