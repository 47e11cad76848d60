package io.github.pgssl.spring.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The smallest Spring Boot application: auto-configuration only, as a user's would be. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApp {
}
