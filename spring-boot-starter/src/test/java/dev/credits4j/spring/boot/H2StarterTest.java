package dev.credits4j.spring.boot;

import org.springframework.boot.test.context.SpringBootTest;

/** The starter on embedded H2. */
@SpringBootTest(
    classes = TestShop.class,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:starter;DB_CLOSE_DELAY=-1",
      "spring.datasource.username=sa"
    })
class H2StarterTest extends StarterTestBase {}
