//go:build !deploy_azure

package deploy

// withAzure: without the tag deploy_azure, azblob:// targets are refused
// with a message naming the tag.
const withAzure = false
