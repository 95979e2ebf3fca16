// Types of the matchers `Testing.setupJest()` adds (toHaveResourceWithProperties, ...).
import 'cdktn/lib/testing/adapters/jest';
