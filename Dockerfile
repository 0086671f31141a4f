# The entente command in a container: one image for every role (streams, views, replay...).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY common/pom.xml common/
COPY extract/pom.xml extract/
COPY broker/pom.xml broker/
COPY producer/pom.xml producer/
COPY streams/pom.xml streams/
COPY consumer/pom.xml consumer/
COPY bench/pom.xml bench/
COPY cli/pom.xml cli/
COPY system-tests/pom.xml system-tests/
# dependencies in their own layer, so a code change does not download the world again
RUN ./mvnw -B -q -pl cli -am dependency:go-offline -DexcludeGroupIds=org.entente || true
COPY . .
RUN ./mvnw -B -q -DskipTests -pl cli -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 entente && mkdir -p /views /state && chown entente /views /state
COPY --from=build /src/cli/target/entente.jar /opt/entente/entente.jar
COPY seeds /opt/entente/seeds
USER entente
ENV ENTENTE_STATE_DIR=/state
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/entente/entente.jar"]
CMD ["--help"]
