package dev.watchkeeper.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders the chart in {@code helm/watchkeeper} with the real Helm library (in-process,
 * no helm binary) and checks the manifests a cluster would receive.
 */
class HelmChartTests {

	private static final Path CHART = Path.of("helm", "watchkeeper");

	private static final Path HA_VALUES = CHART.resolve("values-ha.yaml");

	// helm template defaults to Kubernetes 1.20 when the library is not built with the
	// real client version
	private static final String KUBE_VERSION = "1.31.0";

	/**
	 * Every environment variable that carries a secret, and so must come from a Secret.
	 */
	private static final Set<String> SECRET_ENV = Set.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN",
			"WATCHKEEPER_WEBHOOK_TOKEN", "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
			"SPRING_DATASOURCE_PASSWORD", "WATCHKEEPER_AUDIT_HMAC_KEY", "WATCHKEEPER_AUDIT_REVIEWER_TOKEN",
			"SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SLACK_CLIENT_ID",
			"SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SLACK_CLIENT_SECRET");

	private static final Pattern SECRET_LOOKING_NAME = Pattern
		.compile("TOKEN|SECRET|PASSWORD|PASSWD|_KEY|CREDENTIAL|PRIVATE|SPRING_DATASOURCE_");

	/**
	 * Slack, Vault and generic credential shapes that must never appear in a rendered
	 * manifest.
	 */
	private static final Pattern SECRET_LOOKING_VALUE = Pattern.compile("xox[abpr]-|xapp-|hvs\\.|hunter2");

	@Test
	void chartPassesStrictLint() {
		LintResult result = new Helm(CHART).lint().strict().call();

		assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch(m -> m.startsWith("[ERROR]") || m.startsWith("[WARNING]"));
	}

	@Test
	void defaultValuesRenderOneHardenedNonRootReplica() {
		Manifests manifests = render(t -> t);

		assertThat(manifests.kinds())
			.contains("Deployment", "Service", "ServiceAccount", "PodDisruptionBudget", "NetworkPolicy", "ConfigMap")
			.doesNotContain("Ingress", "ServiceMonitor", "Secret");
		Map<String, Object> deployment = manifests.one("Deployment");
		assertThat(at(deployment, "spec.replicas")).isEqualTo(1);
		assertThat(at(deployment, "spec.strategy.type")).as("the embedded H2 file takes one process at a time")
			.isEqualTo("Recreate");

		Map<String, Object> pod = map(at(deployment, "spec.template.spec"));
		assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
		assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
		assertThat((Integer) at(pod, "securityContext.runAsUser")).isPositive();
		assertThat(at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");

		Map<String, Object> container = manifests.container();
		assertThat(at(container, "securityContext.runAsNonRoot")).isEqualTo(true);
		assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(at(container, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
		assertThat(at(container, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
		assertThat(map(at(container, "resources")).keySet()).containsExactlyInAnyOrder("requests", "limits");
		assertThat(at(container, "resources.limits.memory")).isNotNull();

		// the root filesystem is read-only, so /tmp must be a volume, and an emptyDir at
		// that
		String tmpVolume = mountedVolume(container, "/tmp");
		assertThat(volume(pod, tmpVolume)).containsKey("emptyDir");
	}

	@Test
	void probesUseTheActuatorHealthGroupsOnTheHttpPort() {
		Map<String, Object> container = render(t -> t).container();

		assertThat(list(container.get("ports"))).singleElement()
			.satisfies(
					port -> assertThat(map(port)).containsEntry("name", "http").containsEntry("containerPort", 8080));
		assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(at(container, "livenessProbe.httpGet.port")).isEqualTo("http");
		assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		assertThat(at(container, "readinessProbe.httpGet.port")).isEqualTo("http");
		assertThat(at(container, "startupProbe.httpGet.path")).as("slow first start must not trip liveness")
			.isEqualTo("/actuator/health/liveness");
	}

	@Test
	void haValuesRenderThreeSpreadReplicasOnPostgres() {
		Manifests manifests = render(t -> t.withValuesFile(HA_VALUES));

		Map<String, Object> deployment = manifests.one("Deployment");
		assertThat(at(deployment, "spec.replicas")).isEqualTo(3);
		assertThat(at(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");
		assertThat(at(deployment, "spec.strategy.rollingUpdate.maxUnavailable")).isEqualTo(0);
		Map<String, Object> env = manifests.env();
		assertThat(at(map(env.get("SPRING_DATASOURCE_URL")), "valueFrom.secretKeyRef.name"))
			.isEqualTo("watchkeeper-db");
		assertThat(env).as("HA is HTTP mode behind the Service").doesNotContainKey("SLACK_APP_TOKEN");
		assertThat(list(at(deployment, "spec.template.spec.topologySpreadConstraints"))).singleElement()
			.satisfies(c -> assertThat(map(c)).containsEntry("topologyKey", "kubernetes.io/hostname"));
		assertThat(at(manifests.one("PodDisruptionBudget"), "spec.maxUnavailable")).isEqualTo(1);
		assertThat(at(manifests.container(), "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
	}

	@Test
	void moreThanOneReplicaWithoutPostgresIsRefusedWithTheFix() {
		assertThatIllegalStateException().isThrownBy(() -> render(t -> t.set("replicaCount", 2)))
			.withMessageContaining("replicaCount > 1 needs PostgreSQL: set database.existingSecret");
	}

	@Test
	void everySecretReachesThePodOnlyThroughASecretKeyRef() {
		Manifests manifests = render(this::everythingOn);

		Map<String, Object> env = manifests.env();
		assertThat(env.keySet()).containsAll(SECRET_ENV);
		for (String name : SECRET_ENV) {
			Map<String, Object> entry = map(env.get(name));
			assertThat(entry).as(name).doesNotContainKey("value");
			assertThat(at(entry, "valueFrom.secretKeyRef.name")).as(name).isInstanceOf(String.class);
			assertThat(at(entry, "valueFrom.secretKeyRef.key")).as(name).isInstanceOf(String.class);
		}
		// nothing that looks like a secret is a plain value, whatever its name (a *_PATH
		// is where a file is, not a secret)
		env.forEach((name, entry) -> {
			if (SECRET_LOOKING_NAME.matcher(name).find() && !name.endsWith("_PATH")) {
				assertThat(map(entry)).as(name).doesNotContainKey("value");
			}
		});
		assertThat(manifests.kinds()).as("the chart never creates Secrets").doesNotContain("Secret");
		assertThat(manifests.text()).doesNotContainPattern(SECRET_LOOKING_VALUE);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					replicaCount                         | three                            | at '/replicaCount': got string, want integer
					slack.botToken                       | xoxb-1111-2222-abcdef            | additional properties 'botToken' not allowed
					slack.signingSecret                  | 8f742231b10e8888abcd99yyyzzz85a5 | additional properties 'signingSecret' not allowed
					webhook.token                        | hunter2                          | additional properties 'token' not allowed
					database.password                    | hunter2                          | additional properties 'password' not allowed
					audit.hmacKey                        | hunter2                          | additional properties 'hmacKey' not allowed
					vault.token                          | hvs.CAESIJ                       | additional properties 'token' not allowed
					env.SLACK_BOT_TOKEN                  | xoxb-1111-2222-abcdef            | invalid propertyName 'SLACK_BOT_TOKEN'
					env.SPRING_DATASOURCE_PASSWORD       | hunter2                          | invalid propertyName 'SPRING_DATASOURCE_PASSWORD'
					securityContext.runAsNonRoot         | false                            | at '/securityContext/runAsNonRoot': value must be true
					podSecurityContext.runAsUser         | 0                                | at '/podSecurityContext/runAsUser'
					image.digest                         | latest                           | at '/image/digest'
					ingress.paths[0]                     | actuator                         | at '/ingress/paths/0'
					""")
	void schemaRejectsBadValues(String key, String value, String expectedError) {
		assertThatIllegalStateException().isThrownBy(() -> render(t -> t.set(key, value)))
			.withMessageContaining("values don't meet the specifications of the schema")
			.withMessageContaining(expectedError);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			slack.botToken                 | xoxb-1111-2222-abcdef
			slack.appToken                 | xapp-1-A111-222-abcdef
			database.password              | s3cr3t-db-pa55
			env.WATCHKEEPER_WEBHOOK_TOKEN  | 0f1e2d3c4b5a69788796a5b4c3d2e1f0
			""")
	void refusedSecretIsNotEchoedInTheError(String key, String value) {
		// install output and CI logs are read by many: refusing a secret must not print
		// it
		assertThatIllegalStateException().isThrownBy(() -> render(t -> t.set(key, value)))
			.withMessageContaining("values don't meet the specifications of the schema")
			.withMessageNotContaining(value);
	}

	@Test
	void schemaRejectsAPlainSecretSmuggledThroughExtraEnv() {
		assertThatIllegalStateException()
			.isThrownBy(() -> render(
					t -> t.set("extraEnv[0].name", "WATCHKEEPER_AUDIT_HMAC_KEY").set("extraEnv[0].value", "hunter2")))
			.withMessageContaining("at '/extraEnv/0/name': 'not' failed");
	}

	@Test
	void extraEnvTakesFurtherSecretsByReference() {
		Map<String, Object> env = render(t -> t.set("extraEnv[0].name", "WATCHKEEPER_SUMMARY_LLM_API_KEY")
			.set("extraEnv[0].valueFrom.secretKeyRef.name", "watchkeeper-llm")
			.set("extraEnv[0].valueFrom.secretKeyRef.key", "api-key")
			.set("env.WATCHKEEPER_ALERTS_DEFAULT_CHANNEL", "C0123456789")).env();

		assertThat(at(map(env.get("WATCHKEEPER_SUMMARY_LLM_API_KEY")), "valueFrom.secretKeyRef.name"))
			.isEqualTo("watchkeeper-llm");
		assertThat(map(env.get("WATCHKEEPER_ALERTS_DEFAULT_CHANNEL"))).containsEntry("value", "C0123456789");
	}

	@Test
	void vaultLoginUsesAShortLivedProjectedTokenForTheKubernetesRole() {
		Manifests manifests = render(t -> t.set("vault.address", "https://vault.vault.svc:8200")
			.set("vault.kubernetes.role", "watchkeeper")
			.set("vault.kubernetes.mount", "k8s-prod")
			.set("vault.kubernetes.tokenAudience", "vault")
			.set("vault.caCert.secretName", "vault-ca"));

		Map<String, Object> env = manifests.env();
		assertThat(map(env.get("VAULT_ADDR"))).containsEntry("value", "https://vault.vault.svc:8200");
		assertThat(map(env.get("WATCHKEEPER_VAULT_KUBERNETES_ROLE"))).containsEntry("value", "watchkeeper");
		assertThat(map(env.get("WATCHKEEPER_VAULT_KUBERNETES_MOUNT"))).containsEntry("value", "k8s-prod");
		String tokenPath = (String) map(env.get("WATCHKEEPER_VAULT_KUBERNETES_JWT_FILE")).get("value");
		String caPath = (String) map(env.get("WATCHKEEPER_VAULT_CA_FILE")).get("value");

		Map<String, Object> pod = map(at(manifests.one("Deployment"), "spec.template.spec"));
		Map<String, Object> container = manifests.container();
		Path tokenFile = Path.of(tokenPath);
		Map<String, Object> tokenVolume = volume(pod, mountedVolume(container, tokenFile.getParent().toString()));
		Map<String, Object> projected = map(
				map(list(at(tokenVolume, "projected.sources")).get(0)).get("serviceAccountToken"));
		assertThat(projected).containsEntry("path", tokenFile.getFileName().toString())
			.containsEntry("audience", "vault")
			.containsEntry("expirationSeconds", 3600);
		assertThat(pod.get("automountServiceAccountToken")).as("only the projected token is in the pod")
			.isEqualTo(false);
		Map<String, Object> caVolume = volume(pod, mountedVolume(container, Path.of(caPath).getParent().toString()));
		assertThat(at(caVolume, "secret.secretName")).isEqualTo("vault-ca");
	}

	@Test
	void ingressRoutesOnlyThePublicPathsAndSetsThePublicUrl() {
		Manifests manifests = render(t -> t.set("ingress.enabled", true).set("ingress.host", "wk.example.org"));

		Map<String, Object> ingress = manifests.one("Ingress");
		List<Object> paths = list(at(map(list(at(ingress, "spec.rules")).get(0)), "http.paths"));
		assertThat(paths).extracting(p -> map(p).get("path"))
			.contains("/slack/", "/hooks/", "/d/", "/api/d", "/audit", "/api/audit", "/oauth2/", "/login/oauth2/",
					"/logout")
			.doesNotContain("/", "/actuator", "/actuator/");
		assertThat(at(map(list(at(ingress, "spec.tls")).get(0)), "hosts")).isEqualTo(List.of("wk.example.org"));
		assertThat(map(manifests.env().get("WATCHKEEPER_PUBLIC_URL"))).containsEntry("value", "https://wk.example.org");
		assertThat(map(manifests.env().get("SERVER_FORWARD_HEADERS_STRATEGY")))
			.as("https and the client address from the ingress, trusted only from internal proxies")
			.containsEntry("value", "native");
	}

	@Test
	void signInWithSlackIsOffByDefaultAndTakesItsClientFromASecret() {
		assertThat(render(t -> t).env())
			.doesNotContainKey("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SLACK_CLIENT_ID");

		Map<String, Object> env = render(t -> t.set("signInWithSlack.existingSecret", "slack-oidc")).env();

		assertThat(at(map(env.get("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SLACK_CLIENT_SECRET")),
				"valueFrom.secretKeyRef.name"))
			.isEqualTo("slack-oidc");
		assertThat(map(env.get("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_SLACK_ISSUER_URI"))).containsEntry("value",
				"https://slack.com");
		assertThat(map(env.get("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SLACK_SCOPE"))).containsEntry("value",
				"openid,profile,email");
	}

	@Test
	void serviceMonitorScrapesActuatorPrometheusThroughTheService() {
		Manifests manifests = render(t -> t.set("metrics.serviceMonitor.enabled", true));

		Map<String, Object> endpoint = map(list(at(manifests.one("ServiceMonitor"), "spec.endpoints")).get(0));
		assertThat(endpoint).containsEntry("path", "/actuator/prometheus").containsEntry("port", "http");
		assertThat(list(at(manifests.one("Service"), "spec.ports"))).extracting(p -> map(p).get("name"))
			.containsExactly("http");
	}

	@Test
	void embeddedDatabaseOnAPersistentVolumeSurvivesPodsAndUninstall() {
		Manifests manifests = render(t -> t.set("persistence.enabled", true));

		Map<String, Object> claim = manifests.one("PersistentVolumeClaim");
		assertThat(at(claim, "metadata.annotations")).isEqualTo(Map.of("helm.sh/resource-policy", "keep"));
		Map<String, Object> pod = map(at(manifests.one("Deployment"), "spec.template.spec"));
		String data = mountedVolume(manifests.container(), (String) manifests.container().get("workingDir"));
		assertThat(at(volume(pod, data), "persistentVolumeClaim.claimName")).isEqualTo(at(claim, "metadata.name"));
	}

	@Test
	void networkPolicyAdmitsOnlyTheHttpPortAndRestrictsEgressWhenAsked() {
		Map<String, Object> open = render(t -> t).one("NetworkPolicy");
		assertThat(at(open, "spec.policyTypes")).isEqualTo(List.of("Ingress"));
		assertThat(list(at(open, "spec.ingress"))).singleElement()
			.satisfies(rule -> assertThat(at(map(rule), "ports"))
				.isEqualTo(List.of(Map.of("port", "http", "protocol", "TCP"))));

		Map<String, Object> closed = render(t -> t.set("networkPolicy.egress[0].to[0].ipBlock.cidr", "10.20.0.0/16")
			.set("networkPolicy.egress[0].ports[0].port", 8200)).one("NetworkPolicy");
		assertThat(at(closed, "spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
		List<Object> egress = list(at(closed, "spec.egress"));
		assertThat(egress).hasSize(2);
		assertThat(at(map(egress.get(0)), "ports")).as("DNS first, or nothing else resolves")
			.isEqualTo(List.of(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP")));
		assertThat(at(map(list(at(map(egress.get(1)), "to")).get(0)), "ipBlock.cidr")).isEqualTo("10.20.0.0/16");
	}

	@Test
	void runbooksConfigMapHoldsEveryRepositoryRunbook() throws IOException {
		Manifests manifests = render(t -> t);

		Map<String, Object> configMap = manifests.one("ConfigMap");
		Map<String, Object> data = configMap.get("data") == null ? Map.of() : map(configMap.get("data"));
		Map<String, String> expected = new TreeMap<>();
		try (Stream<Path> files = Files.list(Path.of("runbooks"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
				expected.put(file.getFileName().toString(), Files.readString(file));
			}
		}
		assertThat(new TreeMap<>(data)).isEqualTo(expected);
		String volumeName = mountedVolume(manifests.container(), "/etc/watchkeeper/runbooks");
		assertThat(at(volume(map(at(manifests.one("Deployment"), "spec.template.spec")), volumeName), "configMap.name"))
			.isEqualTo(at(configMap, "metadata.name"));
		assertThat(map(manifests.env().get("WATCHKEEPER_RUNBOOKS_DIR"))).containsEntry("value",
				"/etc/watchkeeper/runbooks");
	}

	@Test
	void packagedChartCarriesTheRepositoryRunbooksVerbatim(@TempDir Path repo) throws IOException {
		// a repository laid out like this one: runbooks/ at the root, the chart linking
		// to it
		Path runbooks = Files.createDirectories(repo.resolve("runbooks"));
		String runbook = """
				---
				id: leaked-vault-token
				title: "Leaked Vault token: revoke it"
				match:
				  alertname: VaultTokenLeaked
				---
				## Steps
				1. Revoke the accessor
				   ```action
				   type: vault.revoke-token-accessor
				   accessor: {{ annotations.accessor }}
				   ```
				""";
		Files.writeString(runbooks.resolve("leaked-vault-token.md"), runbook);
		Files.writeString(runbooks.resolve("notes.txt"), "not a runbook");
		Path chart = copyChart(repo.resolve("helm").resolve("watchkeeper"));
		assertThat(Files.isSymbolicLink(chart.resolve("runbooks"))).isTrue();
		Path dist = Files.createDirectories(repo.resolve("dist"));

		new Helm(chart).packageIt().withDestination(dist).call();

		Path archive;
		try (Stream<Path> files = Files.list(dist)) {
			archive = files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow();
		}
		Manifests manifests = new Manifests(
				Helm.template(archive.toString()).withName("wk").withKubeVersion(KUBE_VERSION).call());
		// the runbook's own {{ }} placeholders are alert templating, not Helm templating:
		// they must pass untouched
		assertThat(map(manifests.one("ConfigMap").get("data"))).containsOnlyKeys("leaked-vault-token.md")
			.containsEntry("leaked-vault-token.md", runbook);
	}

	@Test
	void ownRunbooksConfigMapReplacesTheChartOne() {
		Manifests manifests = render(t -> t.set("runbooks.existingConfigMap", "team-runbooks"));

		assertThat(manifests.kinds()).doesNotContain("ConfigMap");
		String volumeName = mountedVolume(manifests.container(), "/etc/watchkeeper/runbooks");
		assertThat(at(volume(map(at(manifests.one("Deployment"), "spec.template.spec")), volumeName), "configMap.name"))
			.isEqualTo("team-runbooks");
	}

	@Test
	void notesTellTheNextSteps() {
		String output = new Helm(CHART).install()
			.withName("wk")
			.withNamespace("ops")
			.withKubeVersion(KUBE_VERSION)
			.clientOnly()
			.dryRun()
			.set("ingress.enabled", true)
			.set("ingress.host", "wk.example.org")
			.call()
			.getOutput();

		assertThat(output).contains("slack-app-manifest.yml", "https://wk.example.org/slack/events",
				"https://wk.example.org/hooks/alertmanager", "https://wk.example.org/hooks/grafana", "Bearer",
				"watchkeeper-webhook", "helm/vault-policy.hcl");
	}

	@Test
	void chartAppVersionIsTheMavenProjectVersion() throws Exception {
		Map<String, Object> chart = map(yaml().load(Files.readString(CHART.resolve("Chart.yaml"))));

		assertThat(chart.get("appVersion"))
			.as("image.tag defaults to appVersion, which Jib tags with the project version")
			.isEqualTo(text(pom().getDocumentElement(), "version"));
	}

	@Test
	void jibImageUserAndWorkingDirectoryMatchTheChart() throws Exception {
		Element container = (Element) pom().getElementsByTagName("container").item(0);
		Map<String, Object> rendered = render(t -> t).container();

		String[] user = text(container, "user").split(":");
		assertThat(Integer.valueOf(user[0])).isEqualTo(at(rendered, "securityContext.runAsUser")).isNotZero();
		assertThat(Integer.valueOf(user[1])).isEqualTo(at(rendered, "securityContext.runAsGroup"));
		String workingDirectory = text(container, "workingDirectory");
		assertThat(rendered.get("workingDir")).isEqualTo(workingDirectory);
		assertThat(mountedVolume(rendered, workingDirectory)).as("the working directory holds the H2 database")
			.isEqualTo("data");
	}

	// --- rendering and navigation

	private Manifests render(UnaryOperator<TemplateCommand> values) {
		TemplateCommand command = new Helm(CHART).template().withName("wk").withKubeVersion(KUBE_VERSION);
		return new Manifests(values.apply(command).call());
	}

	/** Every optional part on, so that every secret variable is rendered. */
	private TemplateCommand everythingOn(TemplateCommand command) {
		return command.withValuesFile(HA_VALUES)
			.set("slack.appTokenKey", "app-token")
			.set("signInWithSlack.existingSecret", "watchkeeper-slack-sign-in")
			.set("ingress.enabled", true)
			.set("metrics.serviceMonitor.enabled", true)
			.set("vault.address", "https://vault:8200")
			.set("vault.kubernetes.role", "watchkeeper")
			.set("networkPolicy.egress[0].to[0].ipBlock.cidr", "10.0.0.0/8");
	}

	/** The rendered documents of one {@code helm template}. */
	private record Manifests(String text, List<Map<String, Object>> documents) {

		Manifests(String text) {
			this(text, parse(text));
		}

		private static List<Map<String, Object>> parse(String text) {
			List<Map<String, Object>> documents = new ArrayList<>();
			for (Object document : yaml().loadAll(text)) {
				if (document != null) {
					documents.add(map(document));
				}
			}
			return documents;
		}

		List<String> kinds() {
			return documents.stream().map(d -> (String) d.get("kind")).toList();
		}

		Map<String, Object> one(String kind) {
			List<Map<String, Object>> found = documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
			assertThat(found).as("exactly one %s", kind).hasSize(1);
			return found.get(0);
		}

		Map<String, Object> container() {
			List<Object> containers = list(at(one("Deployment"), "spec.template.spec.containers"));
			assertThat(containers).hasSize(1);
			return map(containers.get(0));
		}

		/** The container's env entries by name; a duplicate name would be a chart bug. */
		Map<String, Object> env() {
			Map<String, Object> byName = new LinkedHashMap<>();
			for (Object entry : list(container().get("env"))) {
				String name = (String) map(entry).get("name");
				assertThat(byName.put(name, entry)).as("env %s is set twice", name).isNull();
			}
			return byName;
		}
	}

	private static String mountedVolume(Map<String, Object> container, String mountPath) {
		return list(container.get("volumeMounts")).stream()
			.map(HelmChartTests::map)
			.filter(m -> mountPath.equals(m.get("mountPath")))
			.map(m -> (String) m.get("name"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("nothing is mounted at " + mountPath));
	}

	private static Map<String, Object> volume(Map<String, Object> pod, String name) {
		return list(pod.get("volumes")).stream()
			.map(HelmChartTests::map)
			.filter(v -> name.equals(v.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume " + name));
	}

	/** Follows a dotted path through nested maps; null when a step is missing. */
	private static Object at(Map<String, Object> root, String path) {
		Object current = root;
		for (String step : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> m)) {
				return null;
			}
			current = m.get(step);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Object>) value;
	}

	private static Yaml yaml() {
		return new Yaml(new SafeConstructor(new LoaderOptions()));
	}

	private static Document pom() throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
	}

	/** Text of the first direct child element with this name. */
	private static String text(Element parent, String name) {
		for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element.getTextContent().trim();
			}
		}
		throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
	}

	/**
	 * Copies the chart, keeping its runbooks link a link, so that packaging follows it as
	 * in the repository.
	 */
	private static Path copyChart(Path target) throws IOException {
		try (Stream<Path> files = Files.walk(CHART)) {
			for (Path source : files.toList()) {
				Path destination = target.resolve(CHART.relativize(source).toString());
				if (Files.isSymbolicLink(source)) {
					Files.createSymbolicLink(destination, Files.readSymbolicLink(source));
				}
				else if (Files.isDirectory(source)) {
					Files.createDirectories(destination);
				}
				else {
					Files.write(destination, Files.readAllBytes(source));
				}
			}
		}
		assertThat(Files.readSymbolicLink(target.resolve("runbooks")).toString())
			.as("the link is relative, so it works in every clone")
			.isEqualTo(Path.of("..", "..", "runbooks").toString());
		assertThat(Files.readString(target.resolve("Chart.yaml"), StandardCharsets.UTF_8))
			.contains("name: watchkeeper");
		return target;
	}

}
