package io.github.pgssl.testkit.junit;

import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerTls;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit Jupiter extension behind {@link TlsPostgres}: one {@link PostgresServer} per test class, with
 * TLS on by default ({@link TestPki#server()} presented with its intermediate, client certificates
 * accepted from {@link TestPki#root()}); resolves parameters of type {@link PostgresServer} and
 * {@link TestPki}. The server stops and its files are deleted after the class, even when tests fail.
 *
 * <p>The PKI is {@link TestPki#generateEcOnly()} (fast); its {@code clientRsa()} is not available.
 */
public final class PostgresServerExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresServerExtension.class);
    private static final String KEY = "server";

    @Override
    public void beforeAll(ExtensionContext context) {
        resources(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == PostgresServer.class || type == TestPki.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Resources r = resources(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == PostgresServer.class) {
            return r.server;
        }
        if (type == TestPki.class) {
            return r.pki;
        }
        throw new ParameterResolutionException("cannot resolve " + type);
    }

    private static Resources resources(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        boolean tls = Optional.ofNullable(classContext.getTestClass().orElse(null))
                .flatMap(c -> AnnotationSupport.findAnnotation(c, TlsPostgres.class))
                .map(TlsPostgres::tls).orElse(true);
        return classContext.getStore(NAMESPACE).computeIfAbsent(KEY, k -> Resources.start(tls), Resources.class);
    }

    /** The server and PKI of one test class; closed by JUnit when the class's store is closed. */
    static final class Resources implements AutoCloseable {
        final TestPki pki;
        final PostgresServer server;

        private Resources(TestPki pki, PostgresServer server) {
            this.pki = pki;
            this.server = server;
        }

        static Resources start(boolean tls) {
            TestPki pki = TestPki.generateEcOnly();
            PostgresServer.Builder b = PostgresServer.builder();
            if (tls) {
                b.tls(ServerTls.of(pki.server()).withClientCas(pki.root()));
            }
            return new Resources(pki, b.start());
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
