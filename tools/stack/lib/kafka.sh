# Apache Kafka, one KRaft node (broker and controller), from jars that Maven fetches. The command-service
# creates the event topic when it first publishes.

KAFKA_DIR=$STATE_DIR/kafka
KAFKA_LIBS=$KAFKA_DIR/libs
KAFKA_LOG=$LOG_DIR/kafka.log
KAFKA_POM=$STACK_HOME/kafka/pom.xml
KAFKA_PATTERN=kafka.Kafka
TOPIC=seat-availability.events

kafka_java() { java -Dlog4j2.configurationFile="$STACK_HOME/kafka/log4j2.properties" -cp "$KAFKA_LIBS/*" "$@"; }

kafka_install() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  local want
  want=$(fingerprint "$KAFKA_POM")
  [ "$(cat "$KAFKA_LIBS/.fingerprint" 2>/dev/null)" = "$want" ] && return 0
  command -v mvn >/dev/null || apt_install maven
  say "fetching the Kafka broker's jars with Maven (first time only)"
  rm -rf "$KAFKA_LIBS"
  mvn -q -B -f "$KAFKA_POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS" \
    >"$LOG_DIR/maven.log" 2>&1 || fail_with_log "maven (Kafka jars)" "$LOG_DIR/maven.log"
  echo "$want" >"$KAFKA_LIBS/.fingerprint"
}

kafka_configure() {
  mkdir -p "$KAFKA_DIR/data"
  cat >"$KAFKA_DIR/server.properties" <<CONF
# Written by tools/stack on every start; edit kafka.sh, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=$TOPIC_PARTITIONS
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
CONF
  [ -f "$KAFKA_DIR/data/meta.properties" ] && return 0
  say "formatting Kafka's storage"
  kafka_java kafka.tools.StorageTool format -t "$(kafka_java kafka.tools.StorageTool random-uuid)" \
    -c "$KAFKA_DIR/server.properties" >>"$KAFKA_LOG" 2>&1 || fail_with_log kafka "$KAFKA_LOG"
}

# The broker logs this line once it serves clients; counting lines before a start tells this start's line from older ones.
kafka_started_since() { tail -n "+$(($1 + 1))" "$KAFKA_LOG" | grep -q 'Kafka Server started'; }

kafka_start() {
  kafka_install
  if running_pid kafka "$KAFKA_PATTERN" >/dev/null; then
    say "kafka already running on $KAFKA_PORT"
  else
    ensure_port_free kafka "$KAFKA_PORT"
    kafka_configure
    say "starting kafka on $KAFKA_PORT"
    local lines
    lines=$(wc -l <"$KAFKA_LOG" 2>/dev/null || echo 0)
    # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several JVM flags
    spawn kafka java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -Dlog4j2.configurationFile="$STACK_HOME/kafka/log4j2.properties" \
      -cp "$KAFKA_LIBS/*" "$KAFKA_PATTERN" "$KAFKA_DIR/server.properties"
    await_start kafka "$(cat "$(pid_file kafka)")" 120 kafka_started_since "$lines"
  fi
}

kafka_stop() { terminate kafka "$KAFKA_PATTERN" 60; }

kafka_status() { status_line kafka "$(running_pid kafka "$KAFKA_PATTERN")" "$KAFKA_PORT" "$KAFKA_LOG"; }
